using System.Net;
using System.Net.Http.Json;
using System.Text;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class CreateProcessInstanceTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_ByIdWithoutVersion_StartsLatestVersionWithCamundaShape()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        var latest = await host.DeployAsync(ProcessSamples.Review("orders", "Orders v2"));
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = "orders", variables = new { amount = 12, customer = "ada" } });

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(
            ["processDefinitionId", "processDefinitionKey", "processDefinitionVersion", "processInstanceKey", "tenantId", "variables"],
            DeploymentsApiTests.Names(body));
        Assert.Equal("orders", body.GetProperty("processDefinitionId").GetString());
        Assert.Equal(2, body.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal(latest.ProcessDefinitionKey.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("processDefinitionKey").GetString());
        Assert.Equal("<default>", body.GetProperty("tenantId").GetString());
        Assert.Matches("^[0-9]+$", body.GetProperty("processInstanceKey").GetString());
        Assert.Equal(12, body.GetProperty("variables").GetProperty("amount").GetInt32());
        Assert.Equal("ada", body.GetProperty("variables").GetProperty("customer").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_ByIdAndVersion_StartsThatVersion()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        await host.DeployAsync(ProcessSamples.Review("orders", "Orders v2"));
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", processDefinitionVersion = 1 });

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(1, body.GetProperty("processDefinitionVersion").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_AsTheCamundaClientSendsIt_Starts()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        using var client = host.Client();
        // The client fills in its defaults and sends 64-bit numbers as strings.
        const string json = """
            { "processDefinitionId": "orders", "processDefinitionVersion": -1, "tenantId": "<default>",
              "awaitCompletion": false, "requestTimeout": "0", "operationReference": "7", "variables": {} }
            """;

        using var response = await client.PostAsync("/v2/process-instances", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(1, body.GetProperty("processDefinitionVersion").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_ByKey_StartsThatDefinition()
    {
        await using var host = ApiHost.Start(azurite);
        var first = await host.DeployAsync(ProcessSamples.Review("orders"));
        await host.DeployAsync(ProcessSamples.Review("orders", "Orders v2"));
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionKey = first.ProcessDefinitionKey.ToString(System.Globalization.CultureInfo.InvariantCulture), tenantId = "<default>" });

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(1, body.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal("orders", body.GetProperty("processDefinitionId").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_UnknownIdOrVersionOrKey_404()
    {
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(ProcessSamples.Review("orders"));
        using var client = host.Client();

        using var unknownId = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "nope" });
        using var unknownVersion = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", processDefinitionVersion = 9 });
        using var unknownKey = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionKey = "12345" });
        using var otherTenant = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", tenantId = "acme" });

        await ProblemAssert.IsProblemAsync(unknownId, HttpStatusCode.NotFound, "'nope'");
        await ProblemAssert.IsProblemAsync(unknownVersion, HttpStatusCode.NotFound, "version 9");
        await ProblemAssert.IsProblemAsync(unknownKey, HttpStatusCode.NotFound, "12345");
        await ProblemAssert.IsProblemAsync(otherTenant, HttpStatusCode.NotFound, "acme");
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_InvalidRequests_400()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ProcessSamples.Review("orders"));
        using var client = host.Client();
        var key = process.ProcessDefinitionKey.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var both = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", processDefinitionKey = key });
        using var neither = await client.PostAsJsonAsync("/v2/process-instances", new { variables = new { a = 1 } });
        using var badKey = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionKey = "orders" });
        using var badVersion = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", processDefinitionVersion = 0 });
        using var unknownField = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", bussinessKey = "x" });
        using var await_ = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", awaitCompletion = true });
        using var badTenant = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "orders", tenantId = "a b" });

        await ProblemAssert.IsProblemAsync(both, HttpStatusCode.BadRequest, "not both");
        await ProblemAssert.IsProblemAsync(neither, HttpStatusCode.BadRequest, "processDefinitionId");
        await ProblemAssert.IsProblemAsync(badKey, HttpStatusCode.BadRequest, "not a valid key");
        await ProblemAssert.IsProblemAsync(badVersion, HttpStatusCode.BadRequest, "processDefinitionVersion");
        await ProblemAssert.IsProblemAsync(unknownField, HttpStatusCode.BadRequest, "'bussinessKey'");
        await ProblemAssert.IsProblemAsync(await_, HttpStatusCode.BadRequest, "awaitCompletion");
        await ProblemAssert.IsProblemAsync(badTenant, HttpStatusCode.BadRequest, "tenant");
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateProcessInstance_VariablesOverTheLimit_413AndNoInstance()
    {
        await using var host = ApiHost.Start(azurite, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:taskFunctions:http:maxVariablesSize"] = "1024",
        });
        await host.DeployAsync(ProcessSamples.Review("orders"));
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = "orders", variables = new { text = new string('x', 2000) } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1024");
        using var search = await client.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { processDefinitionId = "orders" } });
        var body = await ProblemAssert.IsJsonAsync(search);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }
}
