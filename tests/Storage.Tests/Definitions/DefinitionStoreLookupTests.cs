using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.Definitions.DefinitionSamples;

namespace TaskFunctions.Storage.Tests.Definitions;

[Collection(AzuriteCollection.Name)]
public sealed class DefinitionStoreLookupTests(AzuriteFixture azurite)
{
    private const string Tenant = "acme";

    [Fact(Timeout = 30_000)]
    public async Task GetProcessAsync_FreshStore_ReadsEveryFieldFromStorage()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var deployed = (await f.Store.DeployAsync([Process("p", "one")], Tenant, CancellationToken.None)).Processes[0];

        var read = await f.NewStore().GetProcessAsync(deployed.ProcessDefinitionKey, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(deployed with { Model = read.Model }, read);
        Assert.NotSame(deployed.Model, read.Model);
        Assert.Equal(["end", "review", "start"], read.Model.FlowNodes.Keys.Order());
    }

    [Fact(Timeout = 30_000)]
    public async Task GetProcessAsync_UnknownOrFormKey_ReturnsNull()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var result = await f.Store.DeployAsync([Process("p"), Form("f")], Tenant, CancellationToken.None);

        Assert.Null(await f.Store.GetProcessAsync(987_654_321, CancellationToken.None));
        Assert.Null(await f.Store.GetProcessAsync(result.Forms[0].FormKey, CancellationToken.None));
        Assert.Null(await f.Store.GetFormAsync(result.Processes[0].ProcessDefinitionKey, CancellationToken.None));
        Assert.Null(await f.Store.GetProcessXmlAsync(987_654_321, CancellationToken.None));
        Assert.Null(await f.Store.GetProcessAsync(-1, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetLatestAndVersion_AfterThreeVersions_FindEachVersion()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var keys = new List<long>();
        foreach (var marker in new[] { "one", "two", "three" })
        {
            keys.Add((await f.Store.DeployAsync([Process("p", marker)], Tenant, CancellationToken.None)).Processes[0].ProcessDefinitionKey);
        }

        var store = f.NewStore();
        var latest = await store.GetLatestProcessAsync("p", Tenant, CancellationToken.None);
        var versions = new List<DeployedProcess?>();
        for (var version = 1; version <= 3; version++)
        {
            versions.Add(await store.GetProcessVersionAsync("p", version, Tenant, CancellationToken.None));
        }

        Assert.Equal((keys[2], 3), (latest!.ProcessDefinitionKey, latest.Version));
        Assert.Equal(keys, versions.Select(v => v!.ProcessDefinitionKey));
        Assert.Null(await store.GetProcessVersionAsync("p", 4, Tenant, CancellationToken.None));
        Assert.Null(await store.GetProcessVersionAsync("p", 0, Tenant, CancellationToken.None));
        Assert.Null(await store.GetLatestProcessAsync("other", Tenant, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetFormVersionAsync_AfterTwoVersions_FindsEachVersionOnlyInItsTenant()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var first = (await f.Store.DeployAsync([Form("f", "One")], Tenant, CancellationToken.None)).Forms[0];
        var second = (await f.Store.DeployAsync([Form("f", "Two")], Tenant, CancellationToken.None)).Forms[0];
        var store = f.NewStore();

        var one = await store.GetFormVersionAsync("f", 1, Tenant, CancellationToken.None);
        var two = await store.GetFormVersionAsync("f", 2, Tenant, CancellationToken.None);

        Assert.Equal((first.FormKey, 1, FormJson("f", "One")), (one!.FormKey, one.Version, one.Schema));
        Assert.Equal((second.FormKey, 2), (two!.FormKey, two.Version));
        Assert.Null(await store.GetFormVersionAsync("f", 3, Tenant, CancellationToken.None));
        Assert.Null(await store.GetFormVersionAsync("f", 0, Tenant, CancellationToken.None));
        Assert.Null(await store.GetFormVersionAsync("f", 1, "other-tenant", CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetLatestFormAsync_AfterTwoVersions_ReturnsSecondWithItsSchema()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Form("f", "One")], Tenant, CancellationToken.None);
        var second = (await f.Store.DeployAsync([Form("f", "Two")], Tenant, CancellationToken.None)).Forms[0];

        var latest = await f.NewStore().GetLatestFormAsync("f", Tenant, CancellationToken.None);

        Assert.Equal((second.FormKey, 2, FormJson("f", "Two")), (latest!.FormKey, latest.Version, latest.Schema));
        Assert.Equal(["amount"], latest.Parsed.FieldKeys);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetProcessXmlAsync_LargeBpmn_RoundTripsExactly()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var xml = ProcessXml("large", padding: 300_000).Replace("xxxx", "x\u00e9\u4e2d\U0001F600", StringComparison.Ordinal);
        Assert.True(xml.Length > 200_000);
        var key = (await f.Store.DeployAsync([Resource("large.bpmn", xml)], Tenant, CancellationToken.None)).Processes[0].ProcessDefinitionKey;

        var read = await f.NewStore().GetProcessXmlAsync(key, CancellationToken.None);

        Assert.Equal(xml, read);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_ContentThatDoesNotCompressUnderTheRowLimit_RefusedWithReason()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);

        var result = await f.Store.DeployAsync([Resource("noisy.bpmn", ProcessXml("noisy", marker: Noise(1_500_000)))], Tenant, CancellationToken.None);

        Assert.Contains("compresses to", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        Assert.Empty(await f.AllRowsAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task DeployAsync_ContentJustUnderTheRowLimit_StoredAndReadBack()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var xml = ProcessXml("noisy", marker: Noise(1_150_000));

        var result = await f.Store.DeployAsync([Resource("noisy.bpmn", xml)], Tenant, CancellationToken.None);

        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        Assert.Equal(xml, await f.NewStore().GetProcessXmlAsync(result.Processes[0].ProcessDefinitionKey, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task GetProcessAsync_Twice_ReturnsTheSameCachedInstance()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var key = (await f.Store.DeployAsync([Process("p")], Tenant, CancellationToken.None)).Processes[0].ProcessDefinitionKey;
        var store = f.NewStore();

        var first = await store.GetProcessAsync(key, CancellationToken.None);
        var second = await store.GetProcessAsync(key, CancellationToken.None);
        var latest = await store.GetLatestProcessAsync("p", Tenant, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Same(first, latest);
        Assert.Same(first!.Model, latest!.Model);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetProcessAsync_AfterDeployOnTheSameStore_ReturnsTheDeployedInstance()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var deployed = (await f.Store.DeployAsync([Process("p")], Tenant, CancellationToken.None)).Processes[0];

        var read = await f.Store.GetProcessAsync(deployed.ProcessDefinitionKey, CancellationToken.None);

        Assert.Same(deployed, read);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetProcessAsync_KeyRowOfAnUncommittedVersion_ReturnsNull()
    {
        // A crash after the key row was written but before the version committed leaves the key row behind; the
        // version that is committed later under that number belongs to another key.
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        var committed = (await f.Store.DeployAsync([Process("p")], Tenant, CancellationToken.None)).Processes[0];
        const long orphanKey = 555_555;
        await f.Hub.Definitions.UpsertEntityAsync(new TableEntity($"key|{orphanKey}", "key")
        {
            ["Kind"] = "process",
            ["DefinitionPartition"] = $"process|{Tenant}|p",
            ["Version"] = 1,
        });

        Assert.Null(await f.NewStore().GetProcessAsync(orphanKey, CancellationToken.None));
        Assert.NotNull(await f.NewStore().GetProcessAsync(committed.ProcessDefinitionKey, CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task ListProcessesAsync_TwoProcessesInTwoTenants_ListsTheTenantsVersionsLatestFirst()
    {
        var f = await DefinitionStoreFixture.CreateAsync(azurite);
        await f.Store.DeployAsync([Process("alpha", "1"), Process("beta", "1")], Tenant, CancellationToken.None);
        await f.Store.DeployAsync([Process("alpha", "2")], Tenant, CancellationToken.None);
        await f.Store.DeployAsync([Process("alpha", "x")], "other", CancellationToken.None);

        var listed = new List<DeployedProcess>();
        await foreach (var process in f.NewStore().ListProcessesAsync(Tenant, CancellationToken.None))
        {
            listed.Add(process);
        }

        Assert.Equal([("alpha", 2), ("alpha", 1), ("beta", 1)], listed.Select(p => (p.BpmnProcessId, p.Version)));
        Assert.All(listed, p => Assert.Equal(Tenant, p.TenantId));
    }

    // Random letters compress to about 4.7 bits each: a cheap way to get a file of a known compressed size.
    private static string Noise(int length)
    {
        var random = new Random(7);
        return string.Create(length, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)r.Next('a', 'z' + 1);
            }
        });
    }
}
