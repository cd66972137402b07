using System.Text;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.Definitions.DefinitionSamples;

namespace TaskFunctions.Storage.Tests.Definitions;

[Collection(AzuriteCollection.Name)]
public sealed class DefinitionStoreDeployTests(AzuriteFixture azurite)
{
    private const string Tenant = "acme";

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_ProcessAndForm_StoresVersionOneOfEach()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync([Process("invoice-approval"), Form("invoice")], Tenant, CancellationToken.None);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        Assert.Equal(Tenant, result.TenantId);
        var process = Assert.Single(result.Processes);
        Assert.Equal(("invoice-approval", 1, "invoice-approval.bpmn", result.DeploymentKey, Tenant), (process.BpmnProcessId, process.Version, process.ResourceName, process.DeploymentKey, process.TenantId));
        Assert.Equal(f.Clock.GetUtcNow(), process.DeployedAt);
        Assert.Equal("invoice-approval", process.Model.BpmnProcessId);
        var form = Assert.Single(result.Forms);
        Assert.Equal(("invoice", 1, "invoice.form", result.DeploymentKey, Tenant), (form.FormId, form.Version, form.ResourceName, form.DeploymentKey, form.TenantId));
        Assert.Equal(["amount"], form.Parsed.RequiredFields);
        Assert.Equal(3, new[] { result.DeploymentKey, process.ProcessDefinitionKey, form.FormKey }.Distinct().Count());
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_ChangedContent_CreatesNextVersionWithNewKey()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var first = await f.Store.DeployAsync([Process("p", "one"), Form("f", "One")], Tenant, CancellationToken.None);

        var second = await f.Store.DeployAsync([Process("p", "two"), Form("f", "Two")], Tenant, CancellationToken.None);
        var third = await f.Store.DeployAsync([Process("p", "three")], Tenant, CancellationToken.None);

        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(r => r.Processes[0].Version));
        Assert.Equal(3, new[] { first, second, third }.Select(r => r.Processes[0].ProcessDefinitionKey).Distinct().Count());
        Assert.Equal(2, second.Forms[0].Version);
        Assert.NotEqual(first.Forms[0].FormKey, second.Forms[0].FormKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_IdenticalResources_ReturnsExistingVersionsAndWritesNoVersion()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var first = await f.Store.DeployAsync([Process("p", "one"), Form("f")], Tenant, CancellationToken.None);
        var rowsBefore = (await f.AllRowsAsync()).Count(r => r.RowKey!.StartsWith('v'));

        var again = await f.Store.DeployAsync([Process("p", "one"), Form("f")], Tenant, CancellationToken.None);

        Assert.True(again.IsSuccess);
        Assert.NotEqual(first.DeploymentKey, again.DeploymentKey);
        Assert.Equal((first.Processes[0].ProcessDefinitionKey, 1, first.DeploymentKey), (again.Processes[0].ProcessDefinitionKey, again.Processes[0].Version, again.Processes[0].DeploymentKey));
        Assert.Equal((first.Forms[0].FormKey, 1), (again.Forms[0].FormKey, again.Forms[0].Version));
        Assert.Equal(rowsBefore, (await f.AllRowsAsync()).Count(r => r.RowKey!.StartsWith('v')));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_SameContentWithOtherLineEndings_IsRecognisedAsIdentical()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var xml = ProcessXml("p", "one").ReplaceLineEndings("\n");
        var first = await f.Store.DeployAsync([Resource("p.bpmn", xml)], Tenant, CancellationToken.None);

        var again = await f.Store.DeployAsync([Resource("p.bpmn", xml.ReplaceLineEndings("\r\n"))], Tenant, CancellationToken.None);

        Assert.Equal(first.Processes[0].ProcessDefinitionKey, again.Processes[0].ProcessDefinitionKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_IdenticalContentAfterAnotherVersion_CreatesNewVersion()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("p", "one")], Tenant, CancellationToken.None);
        await f.Store.DeployAsync([Process("p", "two")], Tenant, CancellationToken.None);

        var back = await f.Store.DeployAsync([Process("p", "one")], Tenant, CancellationToken.None);

        Assert.Equal(3, back.Processes[0].Version);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_SameContentUnderAnotherResourceName_CreatesNewVersion()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("p", "one", "a.bpmn")], Tenant, CancellationToken.None);

        var renamed = await f.Store.DeployAsync([Process("p", "one", "b.bpmn")], Tenant, CancellationToken.None);

        Assert.Equal((2, "b.bpmn"), (renamed.Processes[0].Version, renamed.Processes[0].ResourceName));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_OneBadFile_WritesNothingAndListsItsProblems()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("existing")], Tenant, CancellationToken.None);
        var rowsBefore = await f.AllRowsAsync();
        var broken = Resource("broken.bpmn", ProcessXml("broken").Replace("targetRef=\"end\"", "targetRef=\"nowhere\"", StringComparison.Ordinal));

        var result = await f.Store.DeployAsync([Process("fine"), Form("invoice"), broken], Tenant, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(0, result.DeploymentKey);
        Assert.Empty(result.Processes);
        Assert.Empty(result.Forms);
        Assert.All(result.Problems, p => Assert.Equal("broken.bpmn", p.ResourceName));
        var problem = Assert.Single(result.Problems, p => p.ElementId == "f2");
        Assert.Equal(("sequenceFlow", 16), (problem.ElementType, problem.Line));
        Assert.Contains("nowhere", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(rowsBefore.Select(r => (r.PartitionKey, r.RowKey, r.ETag)), (await f.AllRowsAsync()).Select(r => (r.PartitionKey, r.RowKey, r.ETag)));
        Assert.Null(await f.Store.GetLatestProcessAsync("fine", Tenant, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_ProblemsInSeveralFiles_ListsEveryProblemOfEveryFile()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        byte[] invalidUtf8 = [0x3C, 0x61, 0xFF, 0xFE, 0x3E];
        var tooLarge = new DeploymentResource("huge.bpmn", new byte[(4 * 1024 * 1024) + 1]);
        var twoBadFlows = ProcessXml("bad").Replace("targetRef=\"review\"", "targetRef=\"x1\"", StringComparison.Ordinal)
            .Replace("targetRef=\"end\"", "targetRef=\"x2\"", StringComparison.Ordinal);

        var result = await f.Store.DeployAsync(
        [
            Resource("bad.bpmn", twoBadFlows),
            new DeploymentResource("empty.bpmn", []),
            new DeploymentResource("latin1.bpmn", invalidUtf8),
            tooLarge,
            Resource("model.dmn", "<definitions />"),
            Resource("no-id.form", """{ "components": [] }"""),
            Resource("not-json.form", "{ components"),
            Process("dup", "a", "dup-a.bpmn"),
            Process("dup", "b", "dup-b.bpmn"),
            Form("same-form", resourceName: "one.form"),
            Form("same-form", resourceName: "two.form"),
            Process("ok"),
        ], Tenant, CancellationToken.None);

        Assert.False(result.IsSuccess);
        var byResource = result.Problems.GroupBy(p => p.ResourceName).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Contains(byResource["bad.bpmn"], p => p.ElementId == "f1" && p.Reason.Contains("x1", StringComparison.Ordinal));
        Assert.Contains(byResource["bad.bpmn"], p => p.ElementId == "f2" && p.Reason.Contains("x2", StringComparison.Ordinal));
        Assert.Contains("empty", Assert.Single(byResource["empty.bpmn"]).Reason, StringComparison.Ordinal);
        Assert.Contains("UTF-8", Assert.Single(byResource["latin1.bpmn"]).Reason, StringComparison.Ordinal);
        Assert.Contains("4 MiB", Assert.Single(byResource["huge.bpmn"]).Reason, StringComparison.Ordinal);
        Assert.Contains("unknown file type", Assert.Single(byResource["model.dmn"]).Reason, StringComparison.Ordinal);
        Assert.Contains("'id'", Assert.Single(byResource["no-id.form"]).Reason, StringComparison.Ordinal);
        Assert.Contains("JSON", Assert.Single(byResource["not-json.form"]).Reason, StringComparison.Ordinal);
        Assert.Contains("dup-a.bpmn", Assert.Single(byResource["dup-b.bpmn"]).Reason, StringComparison.Ordinal);
        Assert.Contains("one.form", Assert.Single(byResource["two.form"]).Reason, StringComparison.Ordinal);
        Assert.False(byResource.ContainsKey("ok.bpmn"));
        Assert.Empty(await f.AllRowsAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_NoResources_RefusedWithReason()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync([], Tenant, CancellationToken.None);

        Assert.Contains("at least one resource", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_DuplicateResourceNames_Refused()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync([Process("a", resourceName: "x.bpmn"), Process("b", resourceName: "x.bpmn")], Tenant, CancellationToken.None);

        Assert.Contains("more than one resource named 'x.bpmn'", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_Bpmn20XmlWithByteOrderMark_Accepted()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var content = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(ProcessXml("p"))).ToArray();

        var result = await f.Store.DeployAsync([new DeploymentResource("p.bpmn20.xml", content)], Tenant, CancellationToken.None);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        Assert.StartsWith("<?xml", await f.Store.GetProcessXmlAsync(result.Processes[0].ProcessDefinitionKey, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task DeployAsync_ParallelChangedDeploymentsOfOneId_GetDistinctConsecutiveVersions()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("contended", "initial")], Tenant, CancellationToken.None);
        var stores = Enumerable.Range(0, 10).Select(_ => f.NewStore()).ToList();

        var results = await Task.WhenAll(stores.Select((store, i) =>
            Task.Run(() => store.DeployAsync([Process("contended", Numbered("change-", i))], Tenant, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(Enumerable.Range(2, 10), results.Select(r => r.Processes[0].Version).Order());
        Assert.Equal(10, results.Select(r => r.Processes[0].ProcessDefinitionKey).Distinct().Count());
        var latest = await f.NewStore().GetLatestProcessAsync("contended", Tenant, CancellationToken.None);
        Assert.Equal(11, latest!.Version);
        foreach (var deployed in results.Select(r => r.Processes[0]))
        {
            var read = await f.NewStore().GetProcessAsync(deployed.ProcessDefinitionKey, CancellationToken.None);
            Assert.Equal((deployed.Version, deployed.DeploymentKey), (read!.Version, read.DeploymentKey));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task DeployAsync_ParallelIdenticalDeployments_ShareOneNewVersion()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var stores = Enumerable.Range(0, 5).Select(_ => f.NewStore()).ToList();

        var results = await Task.WhenAll(stores.Select(store =>
            Task.Run(() => store.DeployAsync([Process("same", "content")], Tenant, CancellationToken.None))));

        Assert.Single(results.Select(r => (r.Processes[0].ProcessDefinitionKey, r.Processes[0].Version)).Distinct());
        Assert.Equal(1, results[0].Processes[0].Version);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_SameIdInTwoTenants_VersionsAndLookupsAreSeparate()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("p", "a1"), Form("f")], "tenant-a", CancellationToken.None);
        await f.Store.DeployAsync([Process("p", "a2")], "tenant-a", CancellationToken.None);

        var b = await f.Store.DeployAsync([Process("p", "b1")], "tenant-b", CancellationToken.None);

        Assert.Equal(1, b.Processes[0].Version);
        Assert.Equal(2, (await f.Store.GetLatestProcessAsync("p", "tenant-a", CancellationToken.None))!.Version);
        Assert.Equal(b.Processes[0].ProcessDefinitionKey, (await f.Store.GetLatestProcessAsync("p", "tenant-b", CancellationToken.None))!.ProcessDefinitionKey);
        Assert.Null(await f.Store.GetProcessVersionAsync("p", 2, "tenant-b", CancellationToken.None));
        Assert.Null(await f.Store.GetLatestFormAsync("f", "tenant-b", CancellationToken.None));
        Assert.NotNull(await f.Store.GetLatestFormAsync("f", "tenant-a", CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_TenantAndIdWithKeyCharacters_StoredAndFoundBack()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        const string tenant = "a/b#c?d|e%f\\g";

        var result = await f.Store.DeployAsync([Form("form/with#odd?chars|%")], tenant, CancellationToken.None);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        var found = await f.NewStore().GetLatestFormAsync("form/with#odd?chars|%", tenant, CancellationToken.None);
        Assert.Equal((result.Forms[0].FormKey, tenant), (found!.FormKey, found.TenantId));
        Assert.Null(await f.Store.GetLatestFormAsync("form/with#odd?chars|%", "a/b#c?d", CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_BlankTenant_UsesDefaultTenant()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync([Process("p")], "", CancellationToken.None);

        Assert.Equal(Domain.UserTasks.UserTask.DefaultTenantId, result.TenantId);
        Assert.NotNull(await f.Store.GetLatestProcessAsync("p", Domain.UserTasks.UserTask.DefaultTenantId, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_FormVersionTagAndProcessVersionTag_Kept()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync(
            [Resource("p.bpmn", ProcessXml("p", versionTag: "release-7", name: "Pay invoice")), Form("f", versionTag: "v2")], Tenant, CancellationToken.None);

        var process = await f.NewStore().GetProcessAsync(result.Processes[0].ProcessDefinitionKey, CancellationToken.None);
        Assert.Equal(("release-7", "Pay invoice"), (process!.VersionTag, process.Name));
        Assert.Equal("v2", (await f.NewStore().GetFormAsync(result.Forms[0].FormKey, CancellationToken.None))!.VersionTag);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_FormNestedDeeperThanDefaultJsonDepth_Deployed()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var components = """[{ "type": "textfield", "key": "deep" }]""";
        for (var i = 0; i < 31; i++)
        {
            components = $$"""[{ "type": "group", "components": {{components}} }]""";
        }

        var result = await f.Store.DeployAsync([Resource("deep.form", $$"""{ "id": "deep", "versionTag": "t", "components": {{components}} }""")], Tenant, CancellationToken.None);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        Assert.Equal("t", result.Forms[0].VersionTag);
        Assert.Equal(["deep"], result.Forms[0].Parsed.FieldKeys);
    }
}
