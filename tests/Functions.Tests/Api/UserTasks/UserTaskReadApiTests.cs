using System.Net;
using System.Text.Json;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.UserTasks;

[Collection(AzuriteCollection.Name)]
public sealed class UserTaskReadApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetForm_LinkedForm_200WithSchemaAndTheTasksFormKey()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/user-tasks/{key}/form");

        var form = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(UserTaskSamples.FormId, form.GetProperty("formId").GetString());
        Assert.Equal("<default>", form.GetProperty("tenantId").GetString());
        Assert.Equal(1, form.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Array, form.GetProperty("schema").GetProperty("components").ValueKind);
        Assert.Equal((await client.GetTaskAsync(key)).GetProperty("formKey").GetString(), form.GetProperty("formKey").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetForm_TaskWithoutForm_204()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/user-tasks/{key}/form");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False((await client.GetTaskAsync(key)).TryGetProperty("formKey", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchVariables_TaskAndProcessScopes_ValuesAsJsonText()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/variables/search", "{}");

        var body = await ProblemAssert.IsJsonAsync(response);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["doubled", "amount", "invoiceId"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("\"INV-1\"", items[2].GetProperty("value").GetString());
        Assert.Equal("42", items[0].GetProperty("value").GetString());
        Assert.NotEqual(items[0].GetProperty("scopeKey").GetString(), items[1].GetProperty("scopeKey").GetString());
        Assert.Equal(items[1].GetProperty("processInstanceKey").GetString(), items[1].GetProperty("scopeKey").GetString());
        Assert.All(items, i => Assert.Matches("^[0-9]+$", i.GetProperty("variableKey").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("isTruncated").GetBoolean()));
        Assert.Equal(3, body.GetProperty("page").GetProperty("totalItems").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchVariables_FilterSortAndPage_AppliedInOrder()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var client = host.Client();

        using var filtered = await client.PostAsync($"/v2/user-tasks/{key}/variables/search", """{"filter":{"name":{"$in":["amount","invoiceId"]}}}""");
        using var firstPage = await client.PostAsync($"/v2/user-tasks/{key}/variables/search", """{"sort":[{"field":"name","order":"desc"}],"page":{"limit":2}}""");
        var first = await ProblemAssert.IsJsonAsync(firstPage);
        var after = first.GetProperty("page").GetProperty("endCursor").GetString();
        using var secondPage = await client.PostAsync($"/v2/user-tasks/{key}/variables/search", "{\"sort\":[{\"field\":\"name\",\"order\":\"desc\"}],\"page\":{\"limit\":2,\"after\":\"" + after + "\"}}");

        Assert.Equal(["amount", "invoiceId"], (await ProblemAssert.IsJsonAsync(filtered)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["invoiceId", "doubled"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["amount"], (await ProblemAssert.IsJsonAsync(secondPage)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchVariables_LongValueTruncated_UnlessTruncateValuesFalse()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(UserTaskSamples.Plain());
        var instance = await host.StartAsync(process, new() { ["long"] = new string('x', 9000) });
        var key = (await host.OpenTasksAsync(instance))[0].UserTaskKey;
        using var client = host.Client();

        using var truncated = await client.PostAsync($"/v2/user-tasks/{key}/variables/search?truncateValues=true", "{}");
        using var full = await client.PostAsync($"/v2/user-tasks/{key}/variables/search?truncateValues=false", "{}");
        using var invalid = await client.PostAsync($"/v2/user-tasks/{key}/variables/search?truncateValues=maybe", "{}");

        var cut = (await ProblemAssert.IsJsonAsync(truncated)).GetProperty("items")[0];
        Assert.True(cut.GetProperty("isTruncated").GetBoolean());
        Assert.Equal(8191, cut.GetProperty("value").GetString()!.Length);
        var whole = (await ProblemAssert.IsJsonAsync(full)).GetProperty("items")[0];
        Assert.False(whole.GetProperty("isTruncated").GetBoolean());
        Assert.Equal(9002, whole.GetProperty("value").GetString()!.Length);
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "truncateValues");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"filter":{"value":"1"}}""", "filter.value")]
    [InlineData("""{"filter":{"name":{"$regex":"a"}}}""", "$regex")]
    [InlineData("""{"sort":[{"field":"size"}]}""", "Unknown sortBy: size")]
    [InlineData("""{"page":{"before":"%%"}}""", "cursor")]
    public async Task SearchVariables_InvalidRequest_400(string body, string detail)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/user-tasks/{key}/variables/search", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task History_ClaimUpdateComplete_EntriesWithWhoWhenWhat()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartReviewAsync(host);
        using var carol = host.Client("carol", "accounting");
        (await carol.PostAsync($"/v2/user-tasks/{key}/claim", "")).Dispose();
        (await carol.PatchAsync($"/v2/user-tasks/{key}", """{"changeset":{"priority":60}}""")).Dispose();
        (await carol.PostAsync($"/v2/user-tasks/{key}/completion", """{"variables":{"approved":true}}""")).Dispose();

        using var response = await carol.GetAsync($"/v2/user-tasks/{key}/history");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(key.ToString(), body.GetProperty("userTaskKey").GetString());
        var taskEvents = body.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "USER_TASK_EVENT").ToList();
        Assert.Equal(["CREATED", "ASSIGNED", "UPDATED", "COMPLETED"], taskEvents.Select(e => e.GetProperty("event").GetString()));
        Assert.All(taskEvents.Skip(1), e => Assert.Equal("carol", e.GetProperty("actor").GetString()));
        Assert.All(taskEvents, e => Assert.EndsWith("Z", e.GetProperty("timestamp").GetString()));
        Assert.Equal("claim", taskEvents[1].GetProperty("details").GetProperty("action").GetString());
    }
    [Fact(Timeout = 60_000)]
    public async Task History_TaskWithExpectedOutputs_ListsThemForAVariablesEditor()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:fleans="http://fleans.io/schema/bpmn/fleans" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="outputs" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="approve" name="Approve" fleans:expectedOutputs="approved, comment">
                  <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
              </bpmn:process></bpmn:definitions>
            """);
        var key = await host.StartAndGetTaskAsync(process);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/user-tasks/{key}/history");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(["approved", "comment"], body.GetProperty("expectedOutputs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task History_TaskWithoutExpectedOutputs_EmptyList()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await UserTaskSamples.StartPlainAsync(host);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/user-tasks/{key}/history");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Empty(body.GetProperty("expectedOutputs").EnumerateArray());
    }
}
