using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.Functions.Tests.Authentication;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Security;

/// <summary>Tokens and variable values never reach the logs; cross-origin browser calls are refused unless configured.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LogAndCorsTests(AzuriteFixture azurite) : IDisposable
{
    private const string Secret = "SECRET-7f3a9c-do-not-log";

    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Fact(Timeout = 90_000)]
    public async Task Logs_TokensAndSecretVariablesThroughSuccessesAndFailures_NeverWritten()
    {
        var logs = new CapturedLogs();
        await using var host = new JwtHost(azurite, _tokens.Settings(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            // Everything, from every category, at every level.
            services.Configure<LoggerFilterOptions>(o =>
            {
                o.Rules.Clear();
                o.MinLevel = LogLevel.Trace;
            });
        });
        var adminToken = _tokens.Rsa("root", d => d.Claims["groups"] = new[] { "admins", "accounting" });
        var aliceToken = _tokens.Rsa("alice", d => d.Claims["groups"] = new[] { "accounting" });
        var expired = _tokens.Rsa("alice", d => (d.NotBefore, d.Expires, d.IssuedAt) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddHours(-2)));
        var wrongKey = _tokens.WrongKey("alice");
        using var admin = host.Client(adminToken);
        using var alice = host.Client(aliceToken);
        using var bob = host.Client(_tokens.Rsa("bob"));

        using var deploy = await admin.PostAsync("/v2/deployments", new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(UserTaskSamples.Review())), "resources", "review.bpmn" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(UserTaskSamples.Form)), "resources", "review.form" },
        });
        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
        using var start = await alice.PostAsync("/v2/process-instances",
            $$$"""{"processDefinitionId":"invoice-review","variables":{"amount":3,"password":"{{{Secret}}}-start"}}""");
        var instanceKey = (await ProblemAssert.IsJsonAsync(start)).GetProperty("processInstanceKey").GetString();
        var tasks = await ProblemAssert.IsJsonAsync(await alice.PostAsync("/v2/user-tasks/search", $$$"""{"filter":{"processInstanceKey":"{{{instanceKey}}}"}}"""));
        var key = tasks.GetProperty("items")[0].GetProperty("userTaskKey").GetString();

        // Failures of every kind, several carrying the secret.
        (await bob.PostAsync($"/v2/user-tasks/{key}/claim", null)).Dispose();
        (await host.Client(expired).PostAsync($"/v2/user-tasks/{key}/claim", null)).Dispose();
        (await host.Client(wrongKey).PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"p":"{{{Secret}}}-wrongkey"}}""")).Dispose();
        (await alice.PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"p":"{{{Secret}}}-unclaimed"}}""")).Dispose();
        (await alice.PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"p":"{{{Secret}}}-bad-json" """)).Dispose();
        (await alice.PostAsync("/v2/process-instances", $$$"""{"processDefinitionId":"nope","variables":{"p":"{{{Secret}}}-unknown"}}""")).Dispose();
        (await alice.PostAsync("/v2/process-instances", $$$"""{"processDefinitionId":"invoice-review","variables":{"p":"{{{Secret}}}-big","x":"{{{new string('x', 600_000)}}}"}}""")).Dispose();
        (await alice.PostAsync($"/v2/user-tasks/{key}/claim", null)).Dispose();
        (await bob.PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"approved":true,"p":"{{{Secret}}}-notowner"}}""")).Dispose();
        (await alice.PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"approved":null,"p":"{{{Secret}}}-missing"}}""")).Dispose();
        using var complete = await alice.PostAsync($"/v2/user-tasks/{key}/completion", $$$"""{"variables":{"approved":true,"p":"{{{Secret}}}-done"}}""");
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);

        Assert.NotEmpty(logs.Lines);
        foreach (var line in logs.Lines)
        {
            foreach (var token in new[] { adminToken, aliceToken, expired, wrongKey })
            {
                // A token's signature alone would let nobody in, but its payload and header together identify it.
                Assert.DoesNotContain(token.Split('.')[1], line, StringComparison.Ordinal);
                Assert.DoesNotContain(token.Split('.')[2], line, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cors_Default_PreflightAndRequestFromOtherOriginGetNoAllowOrigin(bool jwt)
    {
        await using var host = ApiHost.Start(azurite, jwt ? _tokens.Settings() : null);
        using var client = host.Client();

        using var preflight = await client.SendAsync(Preflight("https://evil.example"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/user-tasks/search") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cors_OriginConfigured_PreflightAllowedWithoutTokenOthersNot()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings().Concat(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:taskFunctions:http:corsOrigins:0"] = "https://tasks.example.com/",
        }).ToDictionary());
        using var client = host.Client();

        using var allowed = await client.SendAsync(Preflight("https://tasks.example.com"));
        using var other = await client.SendAsync(Preflight("https://evil.example"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/authentication/me");
        request.Headers.Add("Origin", "https://tasks.example.com");
        request.Headers.Authorization = new("Bearer", _tokens.Rsa("alice"));
        using var response = await client.SendAsync(request);

        Assert.True(allowed.IsSuccessStatusCode, $"preflight got {(int)allowed.StatusCode}");
        Assert.Equal("https://tasks.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://tasks.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact(Timeout = 60_000)]
    public async Task Cors_OriginWithPathOrWildcard_HostRefusesToStart()
    {
        foreach (var origin in new[] { "*", "https://tasks.example.com/app", "tasks.example.com" })
        {
            await using var host = ApiHost.Start(azurite, new Dictionary<string, string?>
            {
                ["AzureFunctionsJobHost:extensions:taskFunctions:http:corsOrigins"] = origin,
            }.AsReadOnly());
            var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<TaskFunctions.Functions.Hosting.HttpSettings>());
            Assert.Contains("corsOrigins", error.Message, StringComparison.Ordinal);
        }
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v2/user-tasks/search");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
