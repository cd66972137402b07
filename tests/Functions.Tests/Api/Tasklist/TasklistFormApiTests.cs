using System.Net;
using TaskFunctions.TestSupport;
using static TaskFunctions.Functions.Tests.Api.Tasklist.TasklistSamples;

namespace TaskFunctions.Functions.Tests.Api.Tasklist;

/// <summary><c>GET /v1/forms/{formId}</c>: embedded and linked forms.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TasklistFormApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetForm_EmbeddedForm_200WithSchemaAndNoVersion()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove(
            """<zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_1" />""",
            $"<zeebe:userTaskForm id=\"UserTaskForm_1\">{FormSchema}</zeebe:userTaskForm>"));

        using var response = await host.Client().GetAsync($"/v1/forms/UserTaskForm_1?processDefinitionKey={process.ProcessDefinitionKey}");

        var form = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("UserTaskForm_1", form.Str("id"));
        Assert.Equal(process.ProcessDefinitionKey.ToString(), form.Str("processDefinitionKey"));
        Assert.Equal(FormSchema, form.Str("schema"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, form.GetProperty("version").ValueKind);
        Assert.Equal("<default>", form.Str("tenantId"));
        Assert.False(form.GetProperty("isDeleted").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetForm_LinkedForm_LatestOrAskedVersion()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove("""<zeebe:formDefinition formId="invoice-form" />"""),
            ("invoice-form.form", FormJson("invoice-form", "First")));
        await host.DeployAsync(ReviewApprove("""<zeebe:formDefinition formId="invoice-form" />""", id: "other"),
            ("invoice-form.form", FormJson("invoice-form", "Second")));
        using var client = host.Client();

        var latest = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/forms/invoice-form?processDefinitionKey={process.ProcessDefinitionKey}"));
        var first = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/forms/invoice-form?processDefinitionKey={process.ProcessDefinitionKey}&version=1"));

        Assert.Equal(2, latest.GetProperty("version").GetInt64());
        Assert.Contains("Second", latest.Str("schema"), StringComparison.Ordinal);
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.Contains("First", first.Str("schema"), StringComparison.Ordinal);
        Assert.Equal("invoice-form", first.Str("id"));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetForm_MissingOrInvalidParameters_400()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove());
        using var client = host.Client();

        await IsTasklistErrorAsync(await client.GetAsync("/v1/forms/invoice-form"), HttpStatusCode.BadRequest, "processDefinitionKey");
        await IsTasklistErrorAsync(await client.GetAsync("/v1/forms/invoice-form?processDefinitionKey=abc"), HttpStatusCode.BadRequest, "abc");
        await IsTasklistErrorAsync(
            await client.GetAsync($"/v1/forms/invoice-form?processDefinitionKey={process.ProcessDefinitionKey}&version=x"), HttpStatusCode.BadRequest, "version");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetForm_UnknownFormProcessOrVersion_404()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove("""<zeebe:formDefinition formId="invoice-form" />"""),
            ("invoice-form.form", FormJson("invoice-form", "First")));
        using var client = host.Client();

        await IsTasklistErrorAsync(await client.GetAsync($"/v1/forms/nope?processDefinitionKey={process.ProcessDefinitionKey}"), HttpStatusCode.NotFound, "nope");
        await IsTasklistErrorAsync(await client.GetAsync("/v1/forms/invoice-form?processDefinitionKey=2251799813685249"), HttpStatusCode.NotFound);
        await IsTasklistErrorAsync(
            await client.GetAsync($"/v1/forms/invoice-form?processDefinitionKey={process.ProcessDefinitionKey}&version=9"), HttpStatusCode.NotFound);
    }
}
