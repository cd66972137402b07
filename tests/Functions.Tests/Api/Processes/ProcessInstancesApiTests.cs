using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class ProcessInstancesApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetProcessInstance_Waiting_200ActiveInCamundaShape()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.Review("orders", "Orders"));
        var instanceKey = await host.StartAsync(process);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(
            ["hasIncident", "processDefinitionId", "processDefinitionKey", "processDefinitionName", "processDefinitionVersion", "processInstanceKey", "startDate", "state", "tenantId"],
            DeploymentsApiTests.Names(body));
        Assert.Equal("ACTIVE", body.GetProperty("state").GetString());
        Assert.Equal("Orders", body.GetProperty("processDefinitionName").GetString());
        Assert.Equal(Key(instanceKey), body.GetProperty("processInstanceKey").GetString());
        Assert.Equal(Key(process.ProcessDefinitionKey), body.GetProperty("processDefinitionKey").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", body.GetProperty("startDate").GetString());
        Assert.False(body.GetProperty("hasIncident").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetProcessInstance_Ended_200CompletedWithEndDate()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.Straight()));
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("COMPLETED", body.GetProperty("state").GetString());
        Assert.Equal("straight", body.GetProperty("processDefinitionName").GetString());
        Assert.EndsWith("Z", body.GetProperty("endDate").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetProcessInstance_UnknownOrInvalidKey_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var unknown = await client.GetAsync("/v2/process-instances/987654321");
        using var invalid = await client.GetAsync("/v2/process-instances/abc");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "not a valid key");
    }

    [Fact(Timeout = 60_000)]
    public async Task CancelProcessInstance_Twice_204ThenTerminatedThen409()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.Review("orders")));
        using var client = host.Client();

        using var cancel = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/cancellation", null);
        using var again = await client.PostAsJsonAsync($"/v2/process-instances/{Key(instanceKey)}/cancellation", new { operationReference = 5 });
        using var read = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "canceled");
        var body = await ProblemAssert.IsJsonAsync(read);
        Assert.Equal("TERMINATED", body.GetProperty("state").GetString());
        Assert.Empty(await host.OpenTasksAsync(instanceKey));
    }

    [Fact(Timeout = 60_000)]
    public async Task CancelProcessInstance_UnknownInvalidOrUnknownField_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.Review("orders")));
        using var client = host.Client();

        using var unknown = await client.PostAsync("/v2/process-instances/987654321/cancellation", null);
        using var invalid = await client.PostAsync("/v2/process-instances/x1/cancellation", null);
        using var unknownField = await client.PostAsJsonAsync($"/v2/process-instances/{Key(instanceKey)}/cancellation", new { reason = "because" });
        using var read = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "'reason'");
        Assert.Equal("ACTIVE", (await ProblemAssert.IsJsonAsync(read)).GetProperty("state").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstances_ByDefinitionAndState_PagesWithCursor()
    {
        await using var host = ApiHost.Start(azurite);
        var orders = await host.DeployAsync(ProcessSamples.Review("orders"));
        var other = await host.DeployAsync(ProcessSamples.Review("invoices"));
        var active = new[] { await host.StartAsync(orders), await host.StartAsync(orders), await host.StartAsync(orders) };
        var canceled = await host.StartAsync(orders);
        await host.Services.GetRequiredService<CommandProcessor>().ExecuteAsync(canceled, new CancelInstance(), Caller.System);
        await host.StartAsync(other);
        using var client = host.Client();

        var seen = new List<string>();
        string? cursor = null;
        var requests = 0;
        do
        {
            object page = cursor is null ? new { limit = 2 } : new { limit = 2, after = cursor };
            using var response = await client.PostAsJsonAsync("/v2/process-instances/search",
                new { filter = new { processDefinitionId = "orders", state = "active" }, page });
            var body = await ProblemAssert.IsJsonAsync(response);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("processInstanceKey").GetString()!));
            cursor = body.GetProperty("page").TryGetProperty("endCursor", out var end) ? end.GetString() : null;
            requests++;
        }
        while (cursor is not null && requests < 10);

        Assert.Equal(active.Select(Key).Order(), seen.Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstances_OperatorsOnKeysAndStates_MatchingInstances()
    {
        await using var host = ApiHost.Start(azurite);
        var orders = await host.DeployAsync(ProcessSamples.Review("orders"));
        var straight = await host.DeployAsync(ProcessSamples.Straight());
        var waiting = await host.StartAsync(orders);
        var completed = await host.StartAsync(straight);
        using var client = host.Client();

        using var byKeys = await client.PostAsJsonAsync("/v2/process-instances/search", new
        {
            filter = new Dictionary<string, object>
            {
                ["processDefinitionKey"] = new Dictionary<string, object> { ["$in"] = new[] { Key(orders.ProcessDefinitionKey), Key(straight.ProcessDefinitionKey) } },
                ["state"] = new Dictionary<string, object> { ["$neq"] = "ACTIVE" },
            },
        });
        using var byInstance = await client.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { processInstanceKey = Key(waiting) } });

        var keys = await ProblemAssert.IsJsonAsync(byKeys);
        var completedItem = Assert.Single(keys.GetProperty("items").EnumerateArray());
        Assert.Equal(Key(completed), completedItem.GetProperty("processInstanceKey").GetString());
        Assert.Equal("COMPLETED", completedItem.GetProperty("state").GetString());
        var instance = await ProblemAssert.IsJsonAsync(byInstance);
        Assert.Equal(Key(waiting), Assert.Single(instance.GetProperty("items").EnumerateArray()).GetProperty("processInstanceKey").GetString());
        Assert.Equal(1, instance.GetProperty("page").GetProperty("totalItems").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstances_InvalidQueries_400NamingTheProblem()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var unknownField = await client.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { hasIncident = true } });
        using var badState = await client.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { state = "RUNNING" } });
        using var badKey = await client.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { processDefinitionKey = "orders" } });
        using var like = await client.PostAsJsonAsync("/v2/process-instances/search",
            new { filter = new Dictionary<string, object> { ["processDefinitionId"] = new Dictionary<string, object> { ["$like"] = "ord*" } } });
        using var sort = await client.PostAsJsonAsync("/v2/process-instances/search", new { sort = new[] { new { field = "startDate" } } });
        using var offset = await client.PostAsJsonAsync("/v2/process-instances/search", new { page = new { from = 10 } });
        using var badCursor = await client.PostAsJsonAsync("/v2/process-instances/search", new { page = new { after = "bm9wZQ==" } });

        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "filter.hasIncident");
        await ProblemAssert.IsProblemAsync(badState, HttpStatusCode.BadRequest, "RUNNING");
        await ProblemAssert.IsProblemAsync(badKey, HttpStatusCode.BadRequest, "orders");
        await ProblemAssert.IsProblemAsync(like, HttpStatusCode.BadRequest, "$like");
        await ProblemAssert.IsProblemAsync(sort, HttpStatusCode.BadRequest, "sorted");
        await ProblemAssert.IsProblemAsync(offset, HttpStatusCode.BadRequest, "page.after");
        await ProblemAssert.IsProblemAsync(badCursor, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstanceVariables_Started_EveryVariableAsJsonText()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.Review("orders")),
            new JsonObject { ["amount"] = 12, ["customer"] = "ada", ["lines"] = new JsonArray(1, 2) });
        using var client = host.Client();

        using var all = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/variables/search", null);
        using var byName = await client.PostAsJsonAsync($"/v2/process-instances/{Key(instanceKey)}/variables/search", new { filter = new { name = "customer" } });

        var body = await ProblemAssert.IsJsonAsync(all);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["amount", "customer", "lines"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["12", "\"ada\"", "[1,2]"], items.Select(i => i.GetProperty("value").GetString()));
        var first = items[0];
        Assert.Equal(
            ["isTruncated", "name", "processInstanceKey", "scopeKey", "tenantId", "value", "variableKey"],
            DeploymentsApiTests.Names(first));
        Assert.Equal(Key(instanceKey), first.GetProperty("scopeKey").GetString());
        Assert.False(first.GetProperty("isTruncated").GetBoolean());
        var named = await ProblemAssert.IsJsonAsync(byName);
        Assert.Equal("\"ada\"", Assert.Single(named.GetProperty("items").EnumerateArray()).GetProperty("value").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstanceVariablesAndIncidents_UnknownInstanceOrBadFilter_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.Review("orders")));
        using var client = host.Client();

        using var unknownVariables = await client.PostAsync("/v2/process-instances/987654321/variables/search", null);
        using var unknownIncidents = await client.PostAsync("/v2/process-instances/987654321/incidents/search", null);
        using var badKey = await client.PostAsync("/v2/process-instances/nope/incidents/search", null);
        using var badFilter = await client.PostAsJsonAsync($"/v2/process-instances/{Key(instanceKey)}/variables/search", new { filter = new { value = "1" } });

        await ProblemAssert.IsProblemAsync(unknownVariables, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(unknownIncidents, HttpStatusCode.NotFound, "987654321");
        await ProblemAssert.IsProblemAsync(badKey, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(badFilter, HttpStatusCode.BadRequest, "filter.value");
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchVariables_ByProcessInstanceKey_ThatInstancesVariables()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.Review("orders"));
        var instanceKey = await host.StartAsync(process, new JsonObject { ["amount"] = 12, ["customer"] = "ada" });
        await host.StartAsync(process, new JsonObject { ["amount"] = 99 });
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/variables/search", new { filter = new { processInstanceKey = Key(instanceKey), name = "amount" } });
        using var noKey = await client.PostAsJsonAsync("/v2/variables/search", new { filter = new { name = "amount" } });
        using var unknown = await client.PostAsJsonAsync("/v2/variables/search", new { filter = new { processInstanceKey = "987654321" } });

        var item = Assert.Single((await ProblemAssert.IsJsonAsync(response)).GetProperty("items").EnumerateArray());
        Assert.Equal("12", item.GetProperty("value").GetString());
        Assert.Equal(Key(instanceKey), item.GetProperty("processInstanceKey").GetString());
        await ProblemAssert.IsProblemAsync(noKey, HttpStatusCode.BadRequest, "filter.processInstanceKey");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "987654321");
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessInstanceIncidents_JobOutOfRetries_TheOpenIncident()
    {
        await using var host = ApiHost.Start(azurite);
        var instanceKey = await host.StartAsync(await host.DeployAsync(ProcessSamples.ChargeJob()));
        var jobKey = await SingleJobAsync(host, instanceKey);
        var failed = await host.Services.GetRequiredService<CommandProcessor>()
            .ExecuteJobAsync(jobKey, new FailJob(jobKey, 0, "card reader offline"), Caller.System);
        Assert.True(failed.IsSuccess, failed.Error?.ToString());
        using var client = host.Client();

        using var response = await client.PostAsync($"/v2/process-instances/{Key(instanceKey)}/incidents/search", null);
        using var read = await client.GetAsync($"/v2/process-instances/{Key(instanceKey)}");

        var body = await ProblemAssert.IsJsonAsync(response);
        var incident = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("JOB_NO_RETRIES", incident.GetProperty("errorType").GetString());
        Assert.Equal("ACTIVE", incident.GetProperty("state").GetString());
        Assert.Equal("charge", incident.GetProperty("elementId").GetString());
        Assert.Equal(Key(jobKey), incident.GetProperty("jobKey").GetString());
        Assert.Contains("card reader offline", incident.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.True((await ProblemAssert.IsJsonAsync(read)).GetProperty("hasIncident").GetBoolean());
    }

    internal static async Task<long> SingleJobAsync(ApiHost host, long instanceKey)
    {
        var snapshot = await host.Services.GetRequiredService<InstanceStore>().ReadAllAsync(instanceKey);
        return Assert.Single(snapshot!.Instance.Jobs.Values, j => j.State == JobState.Activatable).JobKey;
    }

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
