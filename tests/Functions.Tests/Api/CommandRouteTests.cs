using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.Functions.Tests.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Tests.Api;

/// <summary>
/// The cross-cutting pieces on the real command routes: idempotency keys on instance creation and claims, and JWT
/// identity (groups from the token only) on the user-task lifecycle.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommandRouteTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_SameIdempotencyKeyTwice_OneInstanceSameAnswer()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Review("idem-review"), ("review.form", UserTaskSamples.Form));
        using var client = host.Client();

        using var first = await PostAsync(client, "/v2/process-instances", new { processDefinitionId = "idem-review", variables = new { amount = 5 } }, "create-1");
        using var second = await PostAsync(client, "/v2/process-instances", new { processDefinitionId = "idem-review", variables = new { amount = 5 } }, "create-1");

        var firstBody = await ProblemAssert.IsJsonAsync(first);
        var secondBody = await ProblemAssert.IsJsonAsync(second);
        Assert.Equal(firstBody.GetProperty("processInstanceKey").GetString(), secondBody.GetProperty("processInstanceKey").GetString());
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        using var count = await client.PostAsJsonAsync("/v2/user-tasks/search/count", new { filter = new { processDefinitionKey = process.ProcessDefinitionKey.ToString() } });
        Assert.Equal(1, (await ProblemAssert.IsJsonAsync(count)).GetProperty("totalItems").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_SameKeyOtherBody_409AndNoSecondInstance()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Review("idem-other"), ("review.form", UserTaskSamples.Form));
        using var client = host.Client();

        using var first = await PostAsync(client, "/v2/process-instances", new { processDefinitionId = "idem-other", variables = new { amount = 5 } }, "create-2");
        using var reused = await PostAsync(client, "/v2/process-instances", new { processDefinitionId = "idem-other", variables = new { amount = 6 } }, "create-2");

        await ProblemAssert.IsJsonAsync(first);
        await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Conflict, "Idempotency-Key");
        using var count = await client.PostAsJsonAsync("/v2/user-tasks/search/count", new { filter = new { processDefinitionKey = process.ProcessDefinitionKey.ToString() } });
        Assert.Equal(1, (await ProblemAssert.IsJsonAsync(count)).GetProperty("totalItems").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_RepeatedWithSameKeyAfterAnotherUserUnclaimed_ReplaysWithoutClaimingAgain()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Review("idem-claim"), ("review.form", UserTaskSamples.Form));
        var task = await host.StartAndGetTaskAsync(process, new JsonObject { ["amount"] = 1 });
        using var alice = host.Client("alice", "accounting");

        using var claimed = await PostAsync(alice, $"/v2/user-tasks/{task}/claim", null, "claim-1");
        using var unclaimed = await alice.PostAsync($"/v2/user-tasks/{task}/unclaim", null);
        using var replayed = await PostAsync(alice, $"/v2/user-tasks/{task}/claim", null, "claim-1");

        Assert.Equal(HttpStatusCode.NoContent, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unclaimed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotency-Replayed").Single());
        var current = await ProblemAssert.IsJsonAsync(await alice.GetAsync($"/v2/user-tasks/{task}"));
        Assert.False(current.TryGetProperty("assignee", out var assignee) && assignee.ValueKind == JsonValueKind.String);
    }

    [Fact(Timeout = 60_000)]
    public async Task Jwt_GroupsFromTokenOnly_ClaimAndCompleteFollowTheToken()
    {
        using var tokens = new TestTokens();
        await using var host = new JwtHost(azurite, tokens.Settings());
        var process = await Deploy(host.Services, UserTaskSamples.Review("jwt-review"));
        var start = await host.Services.GetRequiredService<CommandProcessor>().StartInstanceAsync(process, new JsonObject { ["amount"] = 3 }, Caller.System);
        var task = start.Instance!.UserTasks.Keys.Single();
        using var bob = host.Client(tokens.Rsa("bob", d => d.Claims["groups"] = new[] { "accounting" }));
        using var carol = host.Client(tokens.Rsa("carol", d => d.Claims["groups"] = new[] { "sales" }));
        carol.DefaultRequestHeaders.Add("X-User-Id", "bob");
        carol.DefaultRequestHeaders.Add("X-User-Groups", "accounting");
        using var admin = host.Client(tokens.Rsa("ada", d => d.Claims["groups"] = new[] { "admins" }));
        using var anonymous = host.Client();

        using var noToken = await anonymous.PostAsync($"/v2/user-tasks/{task}/claim", null);
        using var carolClaim = await carol.PostAsync($"/v2/user-tasks/{task}/claim", null);
        using var bobClaim = await bob.PostAsync($"/v2/user-tasks/{task}/claim", null);
        using var carolComplete = await carol.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { variables = new { approved = true } });
        using var carolUnassign = await carol.DeleteAsync($"/v2/user-tasks/{task}/assignee");
        using var adminReassign = await admin.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "dave" });

        await ProblemAssert.IsProblemAsync(noToken, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(carolClaim, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, bobClaim.StatusCode);
        Assert.True(carolComplete.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden, carolComplete.StatusCode.ToString());
        await ProblemAssert.IsProblemAsync(carolUnassign, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, adminReassign.StatusCode);
        var current = await ProblemAssert.IsJsonAsync(await bob.GetAsync($"/v2/user-tasks/{task}"));
        Assert.Equal("dave", current.GetProperty("assignee").GetString());
        Assert.Equal("CREATED", current.GetProperty("state").GetString());
    }

    private static async Task<DeployedProcess> Deploy(IServiceProvider services, string bpmn)
    {
        var result = await services.GetRequiredService<DefinitionStore>().DeployAsync(
            [new DeploymentResource("p.bpmn", System.Text.Encoding.UTF8.GetBytes(bpmn)), new DeploymentResource("review.form", System.Text.Encoding.UTF8.GetBytes(UserTaskSamples.Form))],
            UserTask.DefaultTenantId, CancellationToken.None);
        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        return result.Processes[0];
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
