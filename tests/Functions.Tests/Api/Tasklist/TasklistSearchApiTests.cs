using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.TestSupport;
using static TaskFunctions.Functions.Tests.Api.Tasklist.TasklistSamples;

namespace TaskFunctions.Functions.Tests.Api.Tasklist;

/// <summary><c>POST /v1/tasks/search</c>: filters, order, paging by <c>sortValues</c>, and the 400s.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TasklistSearchApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task Search_NoBody_AllTasksNewestFirstAsBareArray()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove());
        var keys = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add(await host.StartAndGetTaskAsync(process));
        }

        using var response = await host.Client().PostAsync("/v1/tasks/search", null);

        var items = (await ProblemAssert.IsJsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(keys.AsEnumerable().Reverse().Select(k => k.ToString()), items.Select(t => t.Str("id")));
        Assert.True(items[0].GetProperty("isFirst").GetBoolean());
        Assert.All(items.Skip(1), t => Assert.False(t.GetProperty("isFirst").GetBoolean()));
        Assert.All(items, t => Assert.Single(t.GetProperty("sortValues").EnumerateArray()));
        Assert.All(items, t => Assert.Empty(t.GetProperty("variables").EnumerateArray()));
        Assert.All(items, t => Assert.Equal("CREATED", t.Str("taskState")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_PagingWithSortValues_WalksEveryTaskOnceForwardAndBack()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove());
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await host.StartAndGetTaskAsync(process)).ToString());
        }

        using var client = host.Client();
        var sort = new[] { new { field = "creationTime", order = "asc" } };
        var seen = new List<string>();
        var pages = new List<List<JsonElement>>();
        string[]? after = null;
        while (true)
        {
            var page = (await ProblemAssert.IsJsonAsync(await client.PostAsJsonAsync("/v1/tasks/search",
                new { pageSize = 2, sort, searchAfter = after }))).EnumerateArray().ToList();
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            seen.AddRange(page.Select(t => t.Str("id")));
            after = page[^1].GetProperty("sortValues").EnumerateArray().Select(v => v.GetString()!).ToArray();
        }

        var back = (await ProblemAssert.IsJsonAsync(await client.PostAsJsonAsync("/v1/tasks/search", new
        {
            pageSize = 2,
            sort,
            searchBefore = pages[1][0].GetProperty("sortValues").EnumerateArray().Select(v => v.GetString()).ToArray(),
        }))).EnumerateArray().Select(t => t.Str("id"));

        Assert.Equal(keys, seen);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(keys.Take(2), back);
        Assert.True(pages[0][0].GetProperty("isFirst").GetBoolean());
        Assert.False(pages[1][0].GetProperty("isFirst").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_Filters_SelectMatchingTasks()
    {
        await using var host = ApiHost.Start(azurite);
        var sales = await host.DeployAsync(ReviewApprove(
            """<zeebe:assignmentDefinition candidateGroups="sales" candidateUsers="carol" /><zeebe:priorityDefinition priority="80" />""", id: "sales"));
        var plain = await host.DeployAsync(ReviewApprove(id: "plain"));
        var salesTask = await host.StartAndGetTaskAsync(sales);
        var plainInstance = await host.StartAsync(plain);
        var plainTask = (await host.OpenTasksAsync(plainInstance))[0].UserTaskKey;
        var completedTask = await host.StartAndGetTaskAsync(plain);
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchJsonAsync($"/v1/tasks/{plainTask}/assign", new { assignee = "alice" }));
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{completedTask}/complete", null));

        async Task<IEnumerable<string>> SearchAsync(object body) =>
            (await ProblemAssert.IsJsonAsync(await client.PostAsJsonAsync("/v1/tasks/search", body))).EnumerateArray().Select(t => t.Str("id")).Order();

        Assert.Equal([completedTask.ToString()], await SearchAsync(new { state = "completed" }));
        Assert.Equal([plainTask.ToString()], await SearchAsync(new { assigned = true }));
        Assert.Equal([plainTask.ToString()], await SearchAsync(new { assignee = "alice" }));
        Assert.Equal([plainTask.ToString()], await SearchAsync(new { assignees = new[] { "alice" } }));
        Assert.Equal([salesTask.ToString()], await SearchAsync(new { candidateGroup = "sales" }));
        Assert.Equal([salesTask.ToString()], await SearchAsync(new { candidateUser = "carol" }));
        Assert.Equal([salesTask.ToString()], await SearchAsync(new { processDefinitionKey = sales.ProcessDefinitionKey.ToString() }));
        Assert.Equal([plainTask.ToString()], await SearchAsync(new { processInstanceKey = plainInstance.ToString(), state = "CREATED" }));
        Assert.Equal([salesTask.ToString()], await SearchAsync(new { priority = new { gte = 60 } }));
        Assert.Equal(new[] { salesTask.ToString(), plainTask.ToString() }.Order(), await SearchAsync(new { state = "CREATED", taskDefinitionId = "review" }));
        Assert.Empty(await SearchAsync(new { taskDefinitionId = "approve", assigned = true }));
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_DueDateRange_BothEndsInclusive()
    {
        await using var host = ApiHost.Start(azurite);
        var early = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove(
            """<zeebe:taskSchedule dueDate="2030-01-01T10:00:00Z" />""", id: "early")));
        var late = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove(
            """<zeebe:taskSchedule dueDate="2030-06-01T10:00:00Z" />""", id: "late")));
        using var client = host.Client();

        var both = await client.PostAsJsonAsync("/v1/tasks/search", new { dueDate = new { from = "2030-01-01T10:00:00.000+0000", to = "2030-06-01T10:00:00Z" }, sort = new[] { new { field = "dueDate", order = "ASC" } } });
        var onlyLate = await client.PostAsJsonAsync("/v1/tasks/search", new { dueDate = new { from = "2030-01-01T10:00:00.001Z" } });

        Assert.Equal([early.ToString(), late.ToString()], (await ProblemAssert.IsJsonAsync(both)).EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal([late.ToString()], (await ProblemAssert.IsJsonAsync(onlyLate)).EnumerateArray().Select(t => t.Str("id")));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"pageSize": 0}""", "Page size should be a positive number")]
    [InlineData("""{"pageSize": -3}""", "Page size should be a positive number")]
    [InlineData("""{"pageSize": 1001}""", "maxPageSize")]
    [InlineData("""{"searchAfter": ["a"], "searchBefore": ["b"]}""", "Only one of [searchAfter, searchAfterOrEqual, searchBefore, searchBeforeOrEqual] must be present in request.")]
    [InlineData("""{"searchAfterOrEqual": ["a"]}""", "searchAfterOrEqual")]
    [InlineData("""{"taskVariables": [{"name": "a", "value": "1", "operator": "eq"}]}""", "taskVariables")]
    [InlineData("""{"includeVariables": [{"name": "a"}]}""", "includeVariables")]
    [InlineData("""{"followUpDate": {"from": "2030-01-01T00:00:00Z"}}""", "followUpDate")]
    [InlineData("""{"implementation": "JOB_WORKER"}""", "implementation")]
    [InlineData("""{"priority": {"eq": 50}}""", "priority.eq")]
    [InlineData("""{"candidateGroups": ["a", "b"]}""", "candidateGroups")]
    [InlineData("""{"tenantIds": ["a", "b"]}""", "tenantIds")]
    [InlineData("""{"state": "OPEN"}""", "OPEN")]
    [InlineData("""{"processInstanceKey": "abc"}""", "processInstanceKey")]
    [InlineData("""{"dueDate": {"from": "tomorrow"}}""", "dueDate.from")]
    [InlineData("""{"sort": [{"field": "completionTime", "order": "ASC"}]}""", "completionTime")]
    [InlineData("""{"sort": [{"field": "name"}]}""", "name")]
    [InlineData("""{"sort": [{"field": "priority", "order": "UP"}]}""", "UP")]
    [InlineData("""{"sort": [{"field": "priority"}, {"field": "dueDate"}]}""", "one sort entry")]
    [InlineData("""{"searchAfter": ["not-a-cursor"]}""", "searchAfter")]
    [InlineData("""{"searchAfter": ["a", "b"]}""", "searchAfter")]
    [InlineData("""{"owner": "x"}""", "owner")]
    [InlineData("""{"pageSize": "many"}""", "not valid JSON")]
    [InlineData("""{"state": """, "not valid JSON")]
    public async Task Search_InvalidOrUnsupportedRequest_400TasklistError(string body, string messageContains)
    {
        await using var host = ApiHost.Start(azurite);

        using var response = await host.Client().PostRawAsync("/v1/tasks/search", body);

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, messageContains);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_CursorFromAnotherSort_400()
    {
        await using var host = ApiHost.Start(azurite);
        await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        var first = (await ProblemAssert.IsJsonAsync(await client.PostAsync("/v1/tasks/search", null))).EnumerateArray().First();
        var cursor = first.GetProperty("sortValues").EnumerateArray().Select(v => v.GetString()).ToArray();

        using var response = await client.PostAsJsonAsync("/v1/tasks/search",
            new { sort = new[] { new { field = "priority", order = "DESC" } }, searchAfter = cursor });

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, "sort");
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_EmptyListsAndNulls_TreatedAsAbsent()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));

        using var response = await host.Client().PostRawAsync("/v1/tasks/search",
            """{"state": null, "searchAfter": [], "searchBefore": null, "includeVariables": [], "taskVariables": [], "candidateGroups": [], "tenantIds": [], "sort": []}""");

        Assert.Equal([key.ToString()], (await ProblemAssert.IsJsonAsync(response)).EnumerateArray().Select(t => t.Str("id")));
    }
}
