using System.Net;
using System.Text.Json;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.UserTasks;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskSearchApiTests(AzuriteFixture azurite)
{
    // Camunda 8.8's UserTaskResult: the official client rejects any other field.
    private static readonly string[] CamundaFields =
    [
        "userTaskKey", "name", "state", "assignee", "elementId", "candidateGroups", "candidateUsers", "processDefinitionId",
        "creationDate", "completionDate", "followUpDate", "dueDate", "tenantId", "externalFormReference",
        "processDefinitionVersion", "customHeaders", "priority", "elementInstanceKey", "processName",
        "processDefinitionKey", "processInstanceKey", "formKey",
    ];

    [Fact(Timeout = 60_000)]
    public async Task Search_NoBody_TasksInCamundaShape()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/user-tasks/search", null);

        var body = await ProblemAssert.IsJsonAsync(response);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.All(item.EnumerateObject(), p => Assert.Contains(p.Name, CamundaFields));
        Assert.Equal(key.ToString(), item.GetProperty("userTaskKey").GetString());
        Assert.Equal("CREATED", item.GetProperty("state").GetString());
        Assert.Equal("Review invoice", item.GetProperty("name").GetString());
        Assert.Equal("Invoice review", item.GetProperty("processName").GetString());
        Assert.Equal(["accounting"], item.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(50, item.GetProperty("priority").GetInt32());
        Assert.Equal(JsonValueKind.String, item.GetProperty("formKey").ValueKind);
        Assert.False(item.TryGetProperty("assignee", out _));
        Assert.EndsWith("Z", item.GetProperty("creationDate").GetString());
        Assert.Equal(1, body.GetProperty("page").GetProperty("totalItems").GetInt64());
        Assert.False(body.GetProperty("page").GetProperty("hasMoreTotalItems").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_FilterByInstanceStateAndAssignee_OnlyMatchingTasks()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        var first = await host.StartAsync(process);
        var second = await host.StartAsync(process);
        var secondTask = (await host.OpenTasksAsync(second))[0].UserTaskKey;
        using var client = host.Client();
        using var assigned = await client.PostAsync($"/v2/user-tasks/{secondTask}/assignment", """{"assignee":"alice"}""");
        Assert.Equal(HttpStatusCode.NoContent, assigned.StatusCode);

        using var byInstance = await client.PostAsync("/v2/user-tasks/search", "{\"filter\":{\"processInstanceKey\":\"" + first + "\",\"state\":{\"$eq\":\"created\"}}}");
        using var byAssignee = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"assignee":"alice"}}""");
        using var unassigned = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"assignee":{"$exists":false}}}""");

        var instanceItems = (await ProblemAssert.IsJsonAsync(byInstance)).GetProperty("items");
        Assert.Equal(first.ToString(), Assert.Single(instanceItems.EnumerateArray()).GetProperty("processInstanceKey").GetString());
        var assigneeItems = (await ProblemAssert.IsJsonAsync(byAssignee)).GetProperty("items");
        Assert.Equal(secondTask.ToString(), Assert.Single(assigneeItems.EnumerateArray()).GetProperty("userTaskKey").GetString());
        var unassignedItems = (await ProblemAssert.IsJsonAsync(unassigned)).GetProperty("items");
        Assert.Equal(first.ToString(), Assert.Single(unassignedItems.EnumerateArray()).GetProperty("processInstanceKey").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_PriorityAndDueDateBounds_OnlyTasksWithin()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        var urgent = (await host.OpenTasksAsync(await host.StartAsync(process)))[0].UserTaskKey;
        await host.StartAsync(process);
        using var client = host.Client();
        (await client.PatchAsync($"/v2/user-tasks/{urgent}", """{"changeset":{"priority":90,"dueDate":"2030-06-01T00:00:00Z"}}""")).Dispose();

        using var byPriority = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"priority":{"$gt":50}}}""");
        using var byDueDate = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"dueDate":{"$gte":"2030-06-01T00:00:00Z","$lt":"2030-07-01T00:00:00+02:00"}}}""");
        using var notOverdue = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"overdue":false,"followUpDue":false,"assigned":false}}""");

        var priorityItems = (await ProblemAssert.IsJsonAsync(byPriority)).GetProperty("items");
        Assert.Equal(urgent.ToString(), Assert.Single(priorityItems.EnumerateArray()).GetProperty("userTaskKey").GetString());
        var dueItems = (await ProblemAssert.IsJsonAsync(byDueDate)).GetProperty("items");
        Assert.Equal(urgent.ToString(), Assert.Single(dueItems.EnumerateArray()).GetProperty("userTaskKey").GetString());
        Assert.Equal(2, (await ProblemAssert.IsJsonAsync(notOverdue)).GetProperty("items").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_CamundaSdkDefaults_FromZeroAndLowercaseOrderAccepted()
    {
        await using var host = ApiHost.Start(azurite);
        await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/user-tasks/search",
            """{"page":{"from":0,"limit":100},"sort":[{"field":"creationDate","order":"asc"}],"filter":{"state":"CREATED"}}""");

        Assert.Equal(1, (await ProblemAssert.IsJsonAsync(response)).GetProperty("items").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_TransitionalCamundaState_EmptyPage()
    {
        await using var host = ApiHost.Start(azurite);
        await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"state":"COMPLETING"}}""");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.Equal(0, body.GetProperty("page").GetProperty("totalItems").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_PageByCursor_NextPageHasTheRest()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        for (var i = 0; i < 3; i++)
        {
            await host.StartAsync(process);
        }

        using var client = host.Client();

        using var firstPage = await client.PostAsync("/v2/user-tasks/search", """{"sort":[{"field":"creationDate","order":"asc"}],"page":{"limit":2}}""");
        var first = await ProblemAssert.IsJsonAsync(firstPage);
        var endCursor = first.GetProperty("page").GetProperty("endCursor").GetString();
        using var secondPage = await client.PostAsync("/v2/user-tasks/search", "{\"sort\":[{\"field\":\"creationDate\",\"order\":\"asc\"}],\"page\":{\"limit\":2,\"after\":\"" + endCursor + "\"}}");
        var second = await ProblemAssert.IsJsonAsync(secondPage);

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, first.GetProperty("page").GetProperty("totalItems").GetInt64());
        Assert.Matches("^[A-Za-z0-9+/]+=*$", endCursor);
        var rest = Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("userTaskKey").GetString();
        Assert.DoesNotContain(rest, first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userTaskKey").GetString()));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"filter":{"name":"Review"}}""", "filter.name")]
    [InlineData("""{"filter":{"assignee":{"$like":"a*"}}}""", "$like")]
    [InlineData("""{"filter":{"priority":50}}""", "priority")]
    [InlineData("""{"filter":{"processInstanceKey":"abc"}}""", "not a valid key")]
    [InlineData("""{"filter":{"state":"ACTIVE"}}""", "filter.state")]
    [InlineData("""{"filter":{"dueDate":{"$lt":"tomorrow"}}}""", "RFC 3339")]
    [InlineData("""{"sort":[{"field":"name","order":"ASC"}]}""", "Unknown sortBy: name")]
    [InlineData("""{"sort":[{"field":"priority","order":"up"}]}""", "sortOrder")]
    [InlineData("""{"page":{"after":"YQ==","before":"YQ=="}}""", "Both after and before cannot be set at the same time")]
    [InlineData("""{"page":{"from":10}}""", "cursor")]
    [InlineData("""{"page":{"limit":5000}}""", "1000")]
    [InlineData("""{"page":{"after":"not a cursor!"}}""", "cursor")]
    [InlineData("""{"page":{"after":"YWJj"}}""", "cursor")]
    [InlineData("""{"filters":{}}""", "filters")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"filter":""", "not valid JSON")]
    [InlineData("""{"filter":{"state":"CREATED","state":"COMPLETED"}}""", "not valid JSON")]
    public async Task Search_InvalidRequest_400NamingTheProblem(string body, string detail)
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/user-tasks/search", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_ClaimableWithoutIdentity_400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/user-tasks/search", """{"filter":{"claimable":true}}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "identity");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_ClaimableByCaller_OnlyTasksOfTheirGroups()
    {
        await using var host = ApiHost.Start(azurite);
        var reviewTask = await UserTaskSamples.StartReviewAsync(host);
        using var accountant = host.Client("carol", "accounting");
        using var outsider = host.Client("dave", "sales");

        using var forAccountant = await accountant.PostAsync("/v2/user-tasks/search", """{"filter":{"claimable":true}}""");
        using var forOutsider = await outsider.PostAsync("/v2/user-tasks/search", """{"filter":{"claimable":true}}""");

        var items = (await ProblemAssert.IsJsonAsync(forAccountant)).GetProperty("items");
        Assert.Equal(reviewTask.ToString(), Assert.Single(items.EnumerateArray()).GetProperty("userTaskKey").GetString());
        Assert.Equal(0, (await ProblemAssert.IsJsonAsync(forOutsider)).GetProperty("items").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task Count_Filter_TotalOnly()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        await host.StartAsync(process);
        await host.StartAsync(process);
        using var client = host.Client();

        using var open = await client.PostAsync("/v2/user-tasks/search/count", """{"filter":{"state":"CREATED"}}""");
        using var completed = await client.PostAsync("/v2/user-tasks/search/count", """{"filter":{"state":"COMPLETED"}}""");
        using var withPage = await client.PostAsync("/v2/user-tasks/search/count", """{"page":{"limit":1}}""");

        var body = await ProblemAssert.IsJsonAsync(open);
        Assert.Equal(2, body.GetProperty("totalItems").GetInt64());
        Assert.False(body.GetProperty("hasMoreTotalItems").GetBoolean());
        Assert.Equal(0, (await ProblemAssert.IsJsonAsync(completed)).GetProperty("totalItems").GetInt64());
        await ProblemAssert.IsProblemAsync(withPage, HttpStatusCode.BadRequest, "page");
    }
}
