using System.Net;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.UserTasks;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskCommandApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task Assign_Assignee_204AndReadBackAtOnce()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"alice","allowOverride":true,"action":"assign"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("alice", (await client.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{}")]
    [InlineData("""{"assignee":"  "}""")]
    public async Task Assign_NoAssignee_400NoAssigneeProvided(string body)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/assignment", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "No assignee provided");
    }

    [Fact(Timeout = 60_000)]
    public async Task Assign_AllowOverrideFalseOnTaskSomeoneHolds_409AndAssigneeKept()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();
        (await client.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"alice"}""")).Dispose();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"bob","allowOverride":false}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("alice", (await client.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("POST", "/v2/user-tasks/abc/assignment", """{"assignee":"alice"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v2/user-tasks/2251799813685249/assignment", """{"assignee":"alice"}""", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/v2/user-tasks/2251799813685249/assignee", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/v2/user-tasks/2251799813685249/completion", null, HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/v2/user-tasks/2251799813685249", """{"changeset":{"priority":1}}""", HttpStatusCode.NotFound)]
    [InlineData("POST", "/v2/user-tasks/2251799813685249/claim", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/v2/user-tasks/-1/cancellation", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/v2/user-tasks/2251799813685249", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/v2/user-tasks/invalidKey", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/v2/user-tasks/2251799813685249/form", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/v2/user-tasks/2251799813685249/history", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/v2/user-tasks/2251799813685249/variables/search", null, HttpStatusCode.NotFound)]
    public async Task AnyRoute_BadOrUnknownKey_400Or404(string method, string url, string? body, HttpStatusCode status)
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client("alice");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal(status == HttpStatusCode.NotFound ? "NOT_FOUND" : "INVALID_ARGUMENT", problem.GetProperty("title").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Get_UnknownKey_404WithCamundaDetail()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.GetAsync("/v2/user-tasks/2251799813685249");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "User Task with key 2251799813685249 not found");
    }

    [Fact(Timeout = 60_000)]
    public async Task Unassign_AssignedTask_204AndNoAssignee()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();
        (await client.PostAsync($"/v2/user-tasks/{key}/assignment", """{"assignee":"alice"}""")).Dispose();

        using var response = await client.DeleteAsync($"/v2/user-tasks/{key}/assignee");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null((await client.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Unassign_ByUserNotHoldingTheTask_403AndAssigneeKept()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var alice = host.Client("alice");
        using var bob = host.Client("bob");
        (await alice.PostAsync($"/v2/user-tasks/{key}/claim", "")).Dispose();

        using var response = await bob.DeleteAsync($"/v2/user-tasks/{key}/assignee");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("alice", (await alice.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("PATCH", "", """{"changeset":{"priority":5}}""", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/assignment", """{"assignee":"bob"}""", HttpStatusCode.Conflict)]
    [InlineData("POST", "/assignment", """{"assignee":"erin"}""", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/completion", """{"variables":{"done":true}}""", HttpStatusCode.Conflict)]
    [InlineData("POST", "/failure", """{"errorMessage":"no"}""", HttpStatusCode.Conflict)]
    public async Task Command_ByUserNotHoldingTheTask_RejectedAndTaskUnchanged(string method, string path, string body, HttpStatusCode status)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var alice = host.Client("alice");
        using var bob = host.Client("bob");
        (await alice.PostAsync($"/v2/user-tasks/{key}/claim", "")).Dispose();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/v2/user-tasks/{key}{path}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await bob.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, status);
        var task = await alice.GetTaskAsync(key);
        Assert.Equal("alice", task.OptionalString("assignee"));
        Assert.Equal("CREATED", task.GetProperty("state").GetString());
        Assert.Equal(50, task.GetProperty("priority").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task V1Paths_AssignUpdateComplete_SameHandlers()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var assign = await client.PostAsync($"/v1/user-tasks/{key}/assignment", """{"assignee":"alice"}""");
        using var update = await client.PatchAsync($"/v1/user-tasks/{key}", """{"changeset":{"priority":70}}""");
        var afterUpdate = await client.GetTaskAsync(key);
        using var unassign = await client.DeleteAsync($"/v1/user-tasks/{key}/assignee");
        using var complete = await client.PostAsync($"/v1/user-tasks/{key}/completion", "{}");

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        Assert.Equal(70, afterUpdate.GetProperty("priority").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, unassign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
        Assert.Equal("COMPLETED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Update_PriorityAndDates_204AndApplied()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PatchAsync($"/v2/user-tasks/{key}",
            """{"changeset":{"priority":80,"dueDate":"2030-01-01T10:00:00+02:00","followUpDate":"2029-12-01T00:00:00Z","candidateUsers":["erin"]},"action":"reschedule"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var task = await client.GetTaskAsync(key);
        Assert.Equal(80, task.GetProperty("priority").GetInt32());
        Assert.Equal("2030-01-01T08:00:00.000Z", task.GetProperty("dueDate").GetString());
        Assert.Equal("2029-12-01T00:00:00.000Z", task.GetProperty("followUpDate").GetString());
        Assert.Equal(["erin"], task.GetProperty("candidateUsers").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task UpdateLegacyPath_BareChangeset_Applied()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PatchAsync($"/v2/user-tasks/{key}/update", """{"priority":90}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(90, (await client.GetTaskAsync(key)).GetProperty("priority").GetInt32());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"changeset":{}}""", "changeset")]
    [InlineData("{}", "changeset")]
    [InlineData("""{"changeset":{"priority":101}}""", "priority")]
    [InlineData("""{"changeset":{"priority":-1}}""", "priority")]
    [InlineData("""{"changeset":{"dueDate":"next week"}}""", "due date")]
    [InlineData("""{"changeset":{"followUpDate":"2030-01-01T00:00:00"}}""", "offset")]
    [InlineData("""{"changeset":{"priority":10},"assignee":"x"}""", "assignee")]
    [InlineData("""{"changeset":[1]}""", "changeset")]
    public async Task Update_InvalidChangeset_400AndNothingChanged(string body, string detail)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PatchAsync($"/v2/user-tasks/{key}", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
        var task = await client.GetTaskAsync(key);
        Assert.Equal(50, task.GetProperty("priority").GetInt32());
        Assert.False(task.TryGetProperty("dueDate", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Complete_WithVariables_204ThenCompletedAndSecondCompletion409()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/completion", """{"variables":{"approved":true},"action":"complete"}""");
        using var again = await client.PostAsync($"/v2/user-tasks/{key}/completion", """{"variables":{"approved":true}}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var task = await client.GetTaskAsync(key);
        Assert.Equal("COMPLETED", task.GetProperty("state").GetString());
        Assert.NotNull(task.OptionalString("completionDate"));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task Complete_RequiredFormFieldMissing_400WithFieldsAndTaskOpen()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/completion", """{"variables":{"comment":"ok"}}""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "approved");
        Assert.Contains("approved", problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("CREATED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"variables":[1]}""", "variables")]
    [InlineData("""{"variables":{},"extra":1}""", "extra")]
    public async Task Complete_InvalidBody_400AndTaskOpen(string body, string detail)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/completion", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
        Assert.Equal("CREATED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Complete_VariablesOverLimit_413AndTaskOpen()
    {
        await using var host = ApiHost.Start(azurite, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:taskFunctions:http:maxVariablesSize"] = "1024",
        });
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/completion", "{\"variables\":{\"big\":\"" + new string('x', 2000) + "\"}}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "maxVariablesSize");
        Assert.Equal("CREATED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_EligibleUser_204ThenOtherUser409ThenUnclaim204()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var carol = host.Client("carol", "accounting");
        using var frank = host.Client("frank", "accounting");

        using var claim = await carol.PostAsync($"/v2/user-tasks/{key}/claim", "");
        using var second = await frank.PostAsync($"/v2/user-tasks/{key}/claim", "");
        var held = (await carol.GetTaskAsync(key)).OptionalString("assignee");
        using var unclaim = await carol.PostAsync($"/v2/user-tasks/{key}/unclaim", "");

        Assert.Equal(HttpStatusCode.NoContent, claim.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal("carol", held);
        Assert.Equal(HttpStatusCode.NoContent, unclaim.StatusCode);
        Assert.Null((await carol.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_UserOutsideCandidateGroups_409NotEligible()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var dave = host.Client("dave", "sales");

        using var response = await dave.PostAsync($"/v2/user-tasks/{key}/claim", "");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "not eligible");
        Assert.Null((await dave.GetTaskAsync(key)).OptionalString("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_WithoutIdentity_400SayingAUserIsNeeded()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/claim", "");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "user");
    }

    [Fact(Timeout = 60_000)]
    public async Task Fail_WithMessage_204AndFailed()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/failure", """{"errorCode":"REJECTED","errorMessage":"Invoice is a duplicate"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("FAILED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Fail_NoMessage_400AndTaskOpen()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/failure", """{"errorCode":"REJECTED"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "errorMessage");
        Assert.Equal("CREATED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_WithReason_204AndCanceledRepeat204ThenUpdate409()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/cancellation", """{"reason":"Order withdrawn"}""");
        using var repeat = await client.PostAsync($"/v2/user-tasks/{key}/cancellation", "");
        using var update = await client.PatchAsync($"/v2/user-tasks/{key}", """{"changeset":{"priority":1}}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, repeat.StatusCode);
        Assert.Equal("CANCELED", (await client.GetTaskAsync(key)).GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(update, HttpStatusCode.Conflict);
    }
}
