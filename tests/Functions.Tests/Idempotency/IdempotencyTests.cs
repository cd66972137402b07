using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Idempotency;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Idempotency;

[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyTests(AzuriteFixture azurite)
{
    private const string Orders = "/test/orders";
    private int _effects;
    private TaskCompletionSource? _gate;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;

    // A command with an effect (a counter), answering 201 with a Location, as the create routes do.
    private void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Orders, async (JsonObject body) =>
        {
            _entered.TrySetResult();
            if (_gate is { } gate)
            {
                await gate.Task;
            }

            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new StorageUnavailableException("the test's storage is away");
            }

            var number = Interlocked.Increment(ref _effects);
            return TypedResults.Created($"{Orders}/{number}", new { number, item = body["item"]?.GetValue<string>() });
        });
        app.MapPost(Orders + "/search", () => TypedResults.Ok(new { count = Interlocked.Increment(ref _effects) }));
        app.MapPost("/test/rejected", () =>
        {
            Interlocked.Increment(ref _effects);
            return TypedResults.Problem(statusCode: 409, title: "INVALID_STATE", detail: "rejected");
        });
    }

    private static HttpRequestMessage Post(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.KeyHeader, key);
        }

        return request;
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_SameKeyTwice_SecondReplaysFirstResponseWithoutSecondEffect()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client("alice");

        using var first = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        using var second = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_SameKeyDifferentBody_409KeyReusedWithoutEffect()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client("alice");
        using var first = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        using var second = await client.SendAsync(Post(Orders, "{\"item\":\"ink\"}", "order-1"));

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "different request body");
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", problem.GetProperty("code").GetString());
        Assert.Equal(1, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_DuplicateWhileFirstRuns_409InProgressThenReplay()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client("alice");
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        await _entered.Task;

        using var duplicate = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        _gate.SetResult();
        using var firstResponse = await first;
        using var retry = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        var problem = await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "still being processed");
        Assert.Equal("IDEMPOTENCY_REQUEST_IN_PROGRESS", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(1, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_ManyConcurrentDuplicates_ExactlyOneRuns()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client("alice");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"))));

        Assert.Equal(1, _effects);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(IdempotencyMiddleware.ReplayedHeader)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_SameKeyOtherCaller_RunsAgain()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");

        using var first = await alice.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        using var second = await bob.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        Assert.False(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(2, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_WithoutKey_RunsEachTime()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client();

        using var first = await client.SendAsync(Post(Orders, "{}", null));
        using var second = await client.SendAsync(Post(Orders, "{}", null));

        Assert.Equal(2, _effects);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("   ")]
    [InlineData("k\u00e9y")]
    [InlineData("101")]
    public async Task Post_InvalidKey_400NamingHeaderWithoutEffect(string key)
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client();
        var value = key == "101" ? new string('k', 101) : key;
        using var request = new HttpRequestMessage(HttpMethod.Post, Orders) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.KeyHeader, value);

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key header must be 1 to 100 printable ASCII characters");
        Assert.Equal(IdempotencyMiddleware.KeyHeader, problem.GetProperty("fields")[0].GetString());
        Assert.Equal(0, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_FirstAttemptFailedWith503_RetryRunsAgain()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client();
        _failuresLeft = 1;

        using var failed = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        using var retry = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        await ProblemAssert.IsProblemAsync(failed, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(1, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_RejectedCommand_RejectionReplayed()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client();

        using var first = await client.SendAsync(Post("/test/rejected", "{}", "r-1"));
        using var second = await client.SendAsync(Post("/test/rejected", "{}", "r-1"));

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "rejected");
        Assert.True(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(1, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task PostSearch_SameKeyTwice_RunsEachTime()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, Map);
        using var client = app.Client();

        using var first = await client.SendAsync(Post(Orders + "/search", "{}", "s-1"));
        using var second = await client.SendAsync(Post(Orders + "/search", "{}", "s-1"));

        Assert.False(second.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(2, _effects);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenApi_PostCommandAndSearch_KeyHeaderOnlyOnCommand()
    {
        await using var app = await CommandTestApp.StartAsync(azurite, routes =>
        {
            Map(routes);
            routes.MapPost("/test/opted-out", () => TypedResults.NoContent()).WithoutIdempotency();
            routes.MapTaskFunctionsOpenApi();
        });
        using var client = app.Client();

        using var response = await client.GetAsync("/openapi/v1.json");

        var paths = (await ProblemAssert.IsJsonAsync(response)).GetProperty("paths");
        static bool HasKeyHeader(System.Text.Json.JsonElement operation) =>
            operation.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == IdempotencyMiddleware.KeyHeader && p.GetProperty("in").GetString() == "header");
        Assert.True(HasKeyHeader(paths.GetProperty(Orders).GetProperty("post")));
        Assert.False(HasKeyHeader(paths.GetProperty(Orders + "/search").GetProperty("post")));
        Assert.False(HasKeyHeader(paths.GetProperty("/test/opted-out").GetProperty("post")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_SameKeyAfterRetention_RunsAgain()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await CommandTestApp.StartAsync(
            azurite, Map,
            new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:taskFunctions:http:idempotencyRetention"] = "01:00:00" },
            services => services.AddSingleton(sp => new IdempotencyStore(sp.GetRequiredService<TaskFunctions.Storage.TaskHub>(), clock)));
        using var client = app.Client();
        using var first = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));
        clock.Advance(TimeSpan.FromMinutes(59));
        using var withinRetention = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        clock.Advance(TimeSpan.FromMinutes(2));
        using var afterRetention = await client.SendAsync(Post(Orders, "{\"item\":\"pen\"}", "order-1"));

        Assert.True(withinRetention.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, afterRetention.StatusCode);
        Assert.False(afterRetention.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(2, _effects);
    }
}
