using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api.Processes;

[Collection(AzuriteCollection.Name)]
public sealed class DeploymentsApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_BpmnAndForm_200WithCamundaDeploymentResult()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/deployments",
            ProcessSamples.Deployment(("review.bpmn", ProcessSamples.Review()), ("invoice.form", ProcessSamples.Form())));

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(["deploymentKey", "deployments", "tenantId"], Names(body));
        Assert.Matches("^[0-9]+$", body.GetProperty("deploymentKey").GetString());
        Assert.Equal("<default>", body.GetProperty("tenantId").GetString());
        var items = body.GetProperty("deployments").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var process = items.Single(i => i.TryGetProperty("processDefinition", out _)).GetProperty("processDefinition");
        Assert.Equal(["processDefinitionId", "processDefinitionKey", "processDefinitionVersion", "resourceName", "tenantId"], Names(process));
        Assert.Equal("review-process", process.GetProperty("processDefinitionId").GetString());
        Assert.Equal(1, process.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal("review.bpmn", process.GetProperty("resourceName").GetString());
        Assert.Matches("^[0-9]+$", process.GetProperty("processDefinitionKey").GetString());
        var form = items.Single(i => i.TryGetProperty("form", out _)).GetProperty("form");
        Assert.Equal(["formId", "formKey", "resourceName", "tenantId", "version"], Names(form));
        Assert.Equal("invoice-form", form.GetProperty("formId").GetString());
        Assert.Equal(1, form.GetProperty("version").GetInt32());
        Assert.All(items, i => Assert.Single(i.EnumerateObject()));
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_ChangedFileWithTenant_NewVersionInThatTenant()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();
        using var first = await client.PostAsync("/v2/deployments", WithTenant(ProcessSamples.Deployment(("review.bpmn", ProcessSamples.Review())), "acme"));
        await ProblemAssert.IsJsonAsync(first);

        using var response = await client.PostAsync("/v2/deployments",
            WithTenant(ProcessSamples.Deployment(("review.bpmn", ProcessSamples.Review(name: "Renamed"))), "acme"));

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("acme", body.GetProperty("tenantId").GetString());
        var process = body.GetProperty("deployments")[0].GetProperty("processDefinition");
        Assert.Equal(2, process.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal("acme", process.GetProperty("tenantId").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_InvalidFilesAmongValid_400ListsEveryProblemAndDeploysNothing()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/deployments", ProcessSamples.Deployment(
            ("good.bpmn", ProcessSamples.Review("half-deployed")),
            ("broken.bpmn", ProcessSamples.Broken()),
            ("no-id.form", """{ "components": [] }""")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "nothing was deployed");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'broken.bpmn'", detail, StringComparison.Ordinal);
        Assert.Contains("'no-id.form'", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("'good.bpmn'", detail, StringComparison.Ordinal);
        using var start = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "half-deployed" });
        await ProblemAssert.IsProblemAsync(start, HttpStatusCode.NotFound, "half-deployed");
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_UnknownFileExtension_400NamingTheFile()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/deployments", ProcessSamples.Deployment(("notes.txt", "hello")));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "'notes.txt'");
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_JsonBody_415()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v2/deployments", new { resources = new[] { "review.bpmn" } });

        // The route accepts multipart/form-data only, as its API description says; routing answers anything else.
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_NoResources_400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/deployments", WithTenant(new MultipartFormDataContent(), "<default>"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "no resources");
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_UnknownPart_400NamingIt()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();
        var content = ProcessSamples.Deployment(("review.bpmn", ProcessSamples.Review("unknown-part")));
        content.Add(new StringContent("x"), "comment");

        using var response = await client.PostAsync("/v2/deployments", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "'comment'");
        using var start = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "unknown-part" });
        await ProblemAssert.IsProblemAsync(start, HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateDeployment_InvalidTenantId_400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.PostAsync("/v2/deployments",
            WithTenant(ProcessSamples.Deployment(("review.bpmn", ProcessSamples.Review())), "no spaces allowed"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "tenant");
    }

    internal static MultipartFormDataContent WithTenant(MultipartFormDataContent content, string tenantId)
    {
        content.Add(new StringContent(tenantId, Encoding.UTF8), "tenantId");
        return content;
    }

    internal static string[] Names(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
