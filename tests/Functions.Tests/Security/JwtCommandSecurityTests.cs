using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.Functions.Tests.Authentication;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Security;

/// <summary>
/// Jwt mode on real command routes: every bad token is a 401 that changes nothing; identity comes from the token
/// only; only the holder (or an administrator) acts on a claimed task; administration needs an administrator.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JwtCommandSecurityTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    public static TheoryData<string> BadTokens =>
    [
        "missing", "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "wrong-key", "alg-none", "hs256-with-rsa-public-key",
        "garbage", "empty-signature",
    ];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadTokens))]
    public async Task ClaimAndComplete_BadToken_401AndTaskUnchanged(string kind)
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = kind == "missing" ? host.Client() : host.ClientWithToken(BadToken(kind));
        using var admin = host.ClientWithToken(Admin());
        var before = await admin.GetStringAsync($"/v2/user-tasks/{key}");

        using var claim = await client.PostAsync($"/v2/user-tasks/{key}/claim", null);
        using var complete = await client.PostAsync($"/v2/user-tasks/{key}/completion", "{}");
        using var tasklist = await client.PatchAsync($"/v1/tasks/{key}/assign", "{}");

        foreach (var response in new[] { claim, complete, tasklist })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(before, await admin.GetStringAsync($"/v2/user-tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_GroupOnlyInHeaders_409NotEligibleAndTaskUnassigned()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var bob = host.ClientWithToken(_tokens.Rsa("bob"));
        bob.DefaultRequestHeaders.Add("X-User-Id", "alice");
        bob.DefaultRequestHeaders.Add("X-User-Groups", "accounting");

        using var claim = await bob.PostAsync($"/v2/user-tasks/{key}/claim", null);
        using var assign = await bob.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"bob","allowOverride":false}""");
        using var withBodyIdentity = await bob.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"bob","groups":["accounting"]}""");

        await ProblemAssert.IsProblemAsync(claim, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(assign, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(withBodyIdentity, HttpStatusCode.BadRequest, "groups");
        Assert.Null((await bob.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_GroupInToken_204AsTokenUserNotHeaderUser()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var carol = host.ClientWithToken(_tokens.Rsa("carol", d => d.Claims["groups"] = new[] { "accounting" }));
        carol.DefaultRequestHeaders.Add("X-User-Id", "mallory");

        using var claim = await carol.PostAsync($"/v2/user-tasks/{key}/claim", null);

        Assert.Equal(HttpStatusCode.NoContent, claim.StatusCode);
        Assert.Equal("carol", (await carol.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task NonOwner_UnclaimCompleteReassignUpdateFailCancel_RefusedAndHolderKept()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var alice = host.ClientWithToken(_tokens.Rsa("alice", d => d.Claims["groups"] = new[] { "accounting" }));
        using var bob = host.ClientWithToken(_tokens.Rsa("bob", d => d.Claims["groups"] = new[] { "accounting" }));
        (await alice.PostAsync($"/v2/user-tasks/{key}/claim", null)).Dispose();

        (string Method, string Url, string? Body, HttpStatusCode Expected)[] attempts =
        [
            ("POST", $"/v2/user-tasks/{key}/unclaim", null, HttpStatusCode.Forbidden),
            ("DELETE", $"/v2/user-tasks/{key}/assignee", null, HttpStatusCode.Forbidden),
            ("POST", $"/v2/user-tasks/{key}/completion", """{"variables":{"approved":true}}""", HttpStatusCode.Conflict),
            ("POST", $"/v2/user-tasks/{key}/assignment", """{"assignee":"bob"}""", HttpStatusCode.Conflict),
            ("POST", $"/v2/user-tasks/{key}/assignment", """{"assignee":"carol"}""", HttpStatusCode.Forbidden),
            ("PATCH", $"/v2/user-tasks/{key}", """{"changeset":{"priority":99}}""", HttpStatusCode.Forbidden),
            ("POST", $"/v2/user-tasks/{key}/failure", """{"errorMessage":"no"}""", HttpStatusCode.Conflict),
            ("POST", $"/v2/user-tasks/{key}/cancellation", "{}", HttpStatusCode.Conflict),
        ];
        foreach (var (method, url, body, expected) in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await bob.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, expected);
        }

        var task = await alice.GetTaskAsync(key);
        Assert.Equal("alice", task.OptionalString("assignee"));
        Assert.Equal("CREATED", task.GetProperty("state").GetString());
        Assert.Equal(50, task.GetProperty("priority").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Admin_ReassignsAndUnclaimsSomeoneElsesTask_204()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var alice = host.ClientWithToken(_tokens.Rsa("alice", d => d.Claims["groups"] = new[] { "accounting" }));
        using var admin = host.ClientWithToken(Admin());
        (await alice.PostAsync($"/v2/user-tasks/{key}/claim", null)).Dispose();

        using var reassign = await admin.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"dave"}""");
        Assert.Equal(HttpStatusCode.NoContent, reassign.StatusCode);
        Assert.Equal("dave", (await admin.GetTaskAsync(key)).OptionalString("assignee"));

        using var unassign = await admin.DeleteAsync($"/v2/user-tasks/{key}/assignee");
        Assert.Equal(HttpStatusCode.NoContent, unassign.StatusCode);
        Assert.Null((await admin.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Administration_SignedInNonAdmin_403AndNothingChanged()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        var instance = await host.StartAsync(process);
        using var user = host.ClientWithToken(_tokens.Rsa("alice", d => d.Claims["groups"] = new[] { "accounting" }));

        using var deploy = await user.PostAsync("/v2/deployments", Deployment(UserTaskSamples.Plain("other-process")));
        using var cancel = await user.PostAsync($"/v2/process-instances/{instance}/cancellation", "{}");
        using var resolve = await user.PostAsync("/v2/incidents/2251799813685249/resolution", "{}");

        await ProblemAssert.IsProblemAsync(deploy, HttpStatusCode.Forbidden, "administrators");
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.Forbidden, "administrators");
        await ProblemAssert.IsProblemAsync(resolve, HttpStatusCode.Forbidden, "administrators");
        var state = (await ProblemAssert.IsJsonAsync(await user.GetAsync($"/v2/process-instances/{instance}"))).GetProperty("state").GetString();
        Assert.Equal("ACTIVE", state);
        var definitions = await ProblemAssert.IsJsonAsync(await user.PostAsync("/v2/process-definitions/search", "{}"));
        Assert.Equal(1, definitions.GetProperty("items").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task Administration_Admin_DeploysAndCancels()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings());
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        var instance = await host.StartAsync(process);
        using var admin = host.ClientWithToken(Admin());

        using var deploy = await admin.PostAsync("/v2/deployments", Deployment(UserTaskSamples.Plain("other-process")));
        using var cancel = await admin.PostAsync($"/v2/process-instances/{instance}/cancellation", "{}");

        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Administration_RestrictionOff_SignedInUserDeploys()
    {
        await using var host = ApiHost.Start(azurite, _tokens.Settings(("restrictAdministration", "false")));
        using var user = host.ClientWithToken(_tokens.Rsa("alice"));

        using var deploy = await user.PostAsync("/v2/deployments", Deployment(UserTaskSamples.Plain()));

        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
    }

    private string Admin() => _tokens.Rsa("root", d => d.Claims["groups"] = new[] { "admins" });

    private static MultipartFormDataContent Deployment(string bpmn) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(bpmn)), "resources", "process.bpmn" } };

    private string BadToken(string kind) => kind switch
    {
        "expired" => _tokens.Rsa(change: d => (d.NotBefore, d.Expires, d.IssuedAt) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddHours(-2))),
        "not-yet-valid" => _tokens.Rsa(change: d => (d.NotBefore, d.Expires) = (DateTime.UtcNow.AddMinutes(5), DateTime.UtcNow.AddMinutes(30))),
        "wrong-issuer" => _tokens.Rsa(change: d => d.Issuer = "https://evil.test/"),
        "wrong-audience" => _tokens.Rsa(change: d => d.Audience = "another-api"),
        "wrong-key" => _tokens.WrongKey(),
        "alg-none" => TestTokens.Unsigned(),
        // The classic confusion: an HMAC token keyed with the RSA public key the host trusts for RS256.
        "hs256-with-rsa-public-key" => _tokens.Rsa(change: d => d.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_tokens.RsaPublicPem)) { KeyId = "test-rsa" }, SecurityAlgorithms.HmacSha256)),
        "garbage" => "eyJhbGciOiJSUzI1NiJ9.%%%.@@@",
        "empty-signature" => string.Join('.', _tokens.Rsa().Split('.')[..2]) + ".",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
