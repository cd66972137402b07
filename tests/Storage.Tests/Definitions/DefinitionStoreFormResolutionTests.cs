using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.Definitions.DefinitionSamples;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Storage.Tests.Definitions;

[Collection(AzuriteCollection.Name)]
public sealed class DefinitionStoreFormResolutionTests(AzuriteFixture azurite)
{
    private const string Tenant = "acme";

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_EmbeddedForm_ReturnsTheProcessFormWithAStableKey()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        const string schema = """{"id":"receipt-check","components":[{"key":"receiptChecked","type":"checkbox","validate":{"required":true}}]}""";
        var xml = ProcessXml("embedded",
            formDefinition: """<zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_receipt" />""",
            embeddedForm: $"<zeebe:userTaskForm id=\"UserTaskForm_receipt\">{schema}</zeebe:userTaskForm>");
        var process = (await f.Store.DeployAsync([Resource("embedded.bpmn", xml)], Tenant, CancellationToken.None)).Processes[0];
        var task = TaskOf(process);

        var form = await f.Store.ResolveFormAsync(task, CancellationToken.None);
        var again = await f.NewStore().ResolveFormAsync(task, CancellationToken.None);

        Assert.Equal("camunda-forms:bpmn:UserTaskForm_receipt", task.FormKey);
        Assert.NotNull(form);
        Assert.Equal(("UserTaskForm_receipt", schema, process.Version, process.DeploymentKey, Tenant), (form.FormId, form.Schema, form.Version, form.DeploymentKey, form.TenantId));
        Assert.Equal(["receiptChecked"], form.Parsed.RequiredFields);
        Assert.Equal(DefinitionStore.EmbeddedFormKey(process.ProcessDefinitionKey, "UserTaskForm_receipt"), form.FormKey);
        Assert.True(form.FormKey > 0);
        Assert.Equal(form.FormKey, again!.FormKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_LatestBinding_FollowsNewFormVersions()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var process = (await f.Store.DeployAsync([LinkedProcess("p", "invoice", "latest"), Form("invoice", "One")], Tenant, CancellationToken.None)).Processes[0];
        var task = TaskOf(process);
        var first = await f.Store.ResolveFormAsync(task, CancellationToken.None);

        var second = (await f.Store.DeployAsync([Form("invoice", "Two")], Tenant, CancellationToken.None)).Forms[0];
        var resolved = await f.Store.ResolveFormAsync(task, CancellationToken.None);

        Assert.Equal(1, first!.Version);
        Assert.Equal((second.FormKey, 2), (resolved!.FormKey, resolved.Version));
    }

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_DeploymentBinding_ReturnsTheFormOfTheProcessDeployment()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var d1 = await f.Store.DeployAsync([LinkedProcess("p", "invoice", "deployment", marker: "1"), Form("invoice", "One")], Tenant, CancellationToken.None);
        var d2 = await f.Store.DeployAsync([LinkedProcess("p", "invoice", "deployment", marker: "2"), Form("invoice", "Two")], Tenant, CancellationToken.None);
        var d3 = await f.Store.DeployAsync([LinkedProcess("p", "invoice", "deployment", marker: "3")], Tenant, CancellationToken.None);
        var d4 = await f.Store.DeployAsync([LinkedProcess("p", "invoice", "deployment", marker: "4"), Form("invoice", "Two")], Tenant, CancellationToken.None);

        var store = f.NewStore();
        var forV1 = await store.ResolveFormAsync(TaskOf(d1.Processes[0]), CancellationToken.None);
        var forV2 = await store.ResolveFormAsync(TaskOf(d2.Processes[0]), CancellationToken.None);
        var forV3 = await store.ResolveFormAsync(TaskOf(d3.Processes[0]), CancellationToken.None);
        var forV4 = await store.ResolveFormAsync(TaskOf(d4.Processes[0]), CancellationToken.None);

        Assert.Equal((d1.Forms[0].FormKey, 1), (forV1!.FormKey, forV1.Version));
        Assert.Equal((d2.Forms[0].FormKey, 2), (forV2!.FormKey, forV2.Version));
        Assert.Null(forV3);
        Assert.Equal(d2.Forms[0].FormKey, d4.Forms[0].FormKey);
        Assert.Equal(d2.Forms[0].FormKey, forV4!.FormKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_VersionTagBinding_ReturnsLatestVersionWithThatTag()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Form("invoice", "One", versionTag: "a")], Tenant, CancellationToken.None);
        var v2 = (await f.Store.DeployAsync([Form("invoice", "Two", versionTag: "b")], Tenant, CancellationToken.None)).Forms[0];
        var v3 = (await f.Store.DeployAsync([Form("invoice", "Three", versionTag: "a")], Tenant, CancellationToken.None)).Forms[0];
        await f.Store.DeployAsync([Form("invoice", "Four")], Tenant, CancellationToken.None);
        var taggedA = (await f.Store.DeployAsync([LinkedProcess("pa", "invoice", "versionTag", "a")], Tenant, CancellationToken.None)).Processes[0];
        var taggedB = (await f.Store.DeployAsync([LinkedProcess("pb", "invoice", "versionTag", "b")], Tenant, CancellationToken.None)).Processes[0];
        var taggedZ = (await f.Store.DeployAsync([LinkedProcess("pz", "invoice", "versionTag", "z")], Tenant, CancellationToken.None)).Processes[0];

        var store = f.NewStore();
        var a = await store.ResolveFormAsync(TaskOf(taggedA), CancellationToken.None);
        var b = await store.ResolveFormAsync(TaskOf(taggedB), CancellationToken.None);
        var z = await store.ResolveFormAsync(TaskOf(taggedZ), CancellationToken.None);

        Assert.Equal((v3.FormKey, 3, "a"), (a!.FormKey, a.Version, a.VersionTag));
        Assert.Equal((v2.FormKey, 2, "b"), (b!.FormKey, b.Version, b.VersionTag));
        Assert.Null(z);
    }

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_ExternalReferenceOrCustomFormKey_ReturnsNull()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var external = Resource("external.bpmn", ProcessXml("external", formDefinition: """<zeebe:formDefinition externalReference="https://forms.example.com/invoice" />"""));
        var custom = Resource("custom.bpmn", ProcessXml("custom", formDefinition: """<zeebe:formDefinition formKey="my-app:invoice" />"""));
        var result = await f.Store.DeployAsync([external, custom, Form("invoice")], Tenant, CancellationToken.None);

        var externalTask = TaskOf(result.Processes.Single(p => p.BpmnProcessId == "external"));
        var customTask = TaskOf(result.Processes.Single(p => p.BpmnProcessId == "custom"));

        Assert.Equal("https://forms.example.com/invoice", externalTask.ExternalFormReference);
        Assert.Equal("my-app:invoice", customTask.ExternalFormReference);
        Assert.Null(await f.Store.ResolveFormAsync(externalTask, CancellationToken.None));
        Assert.Null(await f.Store.ResolveFormAsync(customTask, CancellationToken.None));
        Assert.Null(await f.Store.ResolveFormAsync(customTask with { ExternalFormReference = null, FormKey = "my-app:invoice" }, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task ResolveFormAsync_UnknownFormOrOtherTenant_ReturnsNull()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Form("invoice")], "other", CancellationToken.None);
        var process = (await f.Store.DeployAsync([LinkedProcess("p", "invoice", "latest")], Tenant, CancellationToken.None)).Processes[0];
        var task = TaskOf(process);

        Assert.Null(await f.Store.ResolveFormAsync(task, CancellationToken.None));
        Assert.NotNull(await f.Store.ResolveFormAsync(task with { TenantId = "other" }, CancellationToken.None));
        Assert.Null(await f.Store.ResolveFormAsync(task with { FormId = null }, CancellationToken.None));
        Assert.Null(await f.Store.ResolveFormAsync(task with { FormKey = "camunda-forms:bpmn:missing" }, CancellationToken.None));
    }

    /// <summary>The user task the engine would create for the process's <c>review</c> task, with its form fields.</summary>
    private static UserTask TaskOf(DeployedProcess process)
    {
        var form = process.Model.GetFlowNode<Domain.Bpmn.UserTask>("review").Definition.Form;
        var linked = form as LinkedFormReference;
        return new UserTask
        {
            UserTaskKey = 1,
            ProcessInstanceKey = 2,
            ElementInstanceKey = 3,
            ProcessDefinitionKey = process.ProcessDefinitionKey,
            ProcessDefinitionVersion = process.Version,
            BpmnProcessId = process.BpmnProcessId,
            ElementId = "review",
            TenantId = process.TenantId,
            CreationDate = process.DeployedAt,
            FormKey = (form as EmbeddedFormReference)?.FormKey,
            FormId = linked?.FormId,
            FormBindingType = linked?.BindingType,
            FormVersionTag = linked?.VersionTag,
            ExternalFormReference = form is CustomFormReference custom ? custom.Reference.Value : null,
        };
    }
}
