using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class ProcessDefinitionsApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetProcessDefinition_Deployed_200WithCamundaShape()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.Review("orders", "Orders"));
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/process-definitions/{Key(process.ProcessDefinitionKey)}");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(
            ["hasStartForm", "name", "processDefinitionId", "processDefinitionKey", "resourceName", "tenantId", "version"],
            DeploymentsApiTests.Names(body));
        Assert.Equal("Orders", body.GetProperty("name").GetString());
        Assert.Equal("orders", body.GetProperty("processDefinitionId").GetString());
        Assert.Equal(Key(process.ProcessDefinitionKey), body.GetProperty("processDefinitionKey").GetString());
        Assert.Equal("process.bpmn", body.GetProperty("resourceName").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("<default>", body.GetProperty("tenantId").GetString());
        Assert.False(body.GetProperty("hasStartForm").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetProcessDefinitionXml_Deployed_200TheFileAsDeployed()
    {
        await using var host = ApiHost.Start(azurite);
        var xml = ProcessSamples.Review("orders");
        var process = await host.DeployAsync(xml);
        using var client = host.Client();

        using var response = await client.GetAsync($"/v2/process-definitions/{Key(process.ProcessDefinitionKey)}/xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(xml, await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetProcessDefinition_UnknownOrInvalidKey_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var unknown = await client.GetAsync("/v2/process-definitions/123456");
        using var unknownXml = await client.GetAsync("/v2/process-definitions/123456/xml");
        using var invalid = await client.GetAsync("/v2/process-definitions/orders");
        using var invalidXml = await client.GetAsync("/v2/process-definitions/orders/xml");

        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "123456");
        await ProblemAssert.IsProblemAsync(unknownXml, HttpStatusCode.NotFound, "123456");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(invalidXml, HttpStatusCode.BadRequest, "not a valid key");
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessDefinitions_ByIdAndLatest_OnlyTheLatestVersionOfThatProcess()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        var latest = await host.DeployAsync(ProcessSamples.Review("orders", "Orders v2"));
        await host.DeployAsync(ProcessSamples.Review("invoices"));
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/process-definitions/search",
            new { filter = new { processDefinitionId = "orders", isLatestVersion = true } });

        var body = await ProblemAssert.IsJsonAsync(response);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(Key(latest.ProcessDefinitionKey), item.GetProperty("processDefinitionKey").GetString());
        Assert.Equal(2, item.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("page").GetProperty("totalItems").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessDefinitions_SortedAndPaged_CursorsWalkAllVersions()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        await host.DeployAsync(ProcessSamples.Review("orders", "Orders v2"));
        await host.DeployAsync(ProcessSamples.Review("invoices"));
        using var client = host.Client();

        using var first = await client.PostAsJsonAsync("/v2/process-definitions/search", new
        {
            sort = new[] { new { field = "processDefinitionId", order = "desc" }, new { field = "version", order = "ASC" } },
            page = new { limit = 2 },
        });
        var firstBody = await ProblemAssert.IsJsonAsync(first);
        var endCursor = firstBody.GetProperty("page").GetProperty("endCursor").GetString();
        using var second = await client.PostAsJsonAsync("/v2/process-definitions/search", new
        {
            sort = new[] { new { field = "processDefinitionId", order = "desc" }, new { field = "version", order = "ASC" } },
            page = new { after = endCursor, limit = 2 },
        });
        var secondBody = await ProblemAssert.IsJsonAsync(second);

        Assert.Equal(["orders:1", "orders:2"], Describe(firstBody));
        Assert.Equal(["invoices:1"], Describe(secondBody));
        Assert.Equal(3, firstBody.GetProperty("page").GetProperty("totalItems").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessDefinitions_NoBody_EveryDefinition()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/process-definitions/search", null);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Single(body.GetProperty("items").EnumerateArray());
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchProcessDefinitions_InvalidQueries_400NamingTheProblem()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var unknownField = await client.PostAsJsonAsync("/v2/process-definitions/search", new { filter = new { bpmnProcessId = "x" } });
        using var unknownOperator = await client.PostAsJsonAsync("/v2/process-definitions/search",
            new { filter = new Dictionary<string, object> { ["processDefinitionId"] = new Dictionary<string, object> { ["$gt"] = "a" } } });
        using var unknownSort = await client.PostAsJsonAsync("/v2/process-definitions/search", new { sort = new[] { new { field = "deployedAt" } } });
        using var badOrder = await client.PostAsJsonAsync("/v2/process-definitions/search", new { sort = new[] { new { field = "version", order = "up" } } });
        using var bigPage = await client.PostAsJsonAsync("/v2/process-definitions/search", new { page = new { limit = 5000 } });
        using var badCursor = await client.PostAsJsonAsync("/v2/process-definitions/search", new { page = new { after = "bm9wZQ==" } });

        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "filter.bpmnProcessId");
        await ProblemAssert.IsProblemAsync(unknownOperator, HttpStatusCode.BadRequest, "$gt");
        await ProblemAssert.IsProblemAsync(unknownSort, HttpStatusCode.BadRequest, "deployedAt");
        await ProblemAssert.IsProblemAsync(badOrder, HttpStatusCode.BadRequest, "ASC or DESC");
        await ProblemAssert.IsProblemAsync(bigPage, HttpStatusCode.BadRequest, "1000");
        await ProblemAssert.IsProblemAsync(badCursor, HttpStatusCode.BadRequest, "cursor");
    }

    private static string[] Describe(JsonElement body) =>
        [.. body.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("processDefinitionId").GetString()}:{i.GetProperty("version").GetInt32()}")];

    private static string Key(long key) => key.ToString(CultureInfo.InvariantCulture);
}
