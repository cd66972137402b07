using Azure;
using Azure.Core;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableEntityOperationsTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task AddEntity_New_ReturnsETagThatGetSees()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var added = await table.AddEntityAsync(new TableEntity("wf1", "task-1") { ["Status"] = "Open" });
        var read = (await table.GetEntityAsync("wf1", "task-1")).Value;

        Assert.NotEqual(default, added.Value);
        Assert.Equal(added.Value, read.ETag);
        Assert.Equal("Open", read.GetString("Status"));
        Assert.Equal("wf1", read.PartitionKey);
        Assert.Equal("task-1", read.RowKey);
        Assert.NotNull(read.Timestamp);
    }

    [Fact(Timeout = 30_000)]
    public async Task AddEntity_Existing_ThrowsAlreadyExists()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(TableErrorKind.AlreadyExists, error.Kind);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetEntity_Missing_ThrowsNotFound()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityAsync("p", "nope"));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetEntityIfExists_MissingAndPresent_ReportsHasValue()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "here"));

        var missing = await table.GetEntityIfExistsAsync("p", "gone");
        var present = await table.GetEntityIfExistsAsync("p", "here");

        Assert.False(missing.HasValue);
        Assert.True(present.HasValue);
        Assert.Equal("here", present.Value!.RowKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetEntity_WithSelect_ReturnsOnlySelectedProperties()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = "two", ["C"] = true });

        var read = (await table.GetEntityAsync("p", "r", ["A", "C"])).Value;

        Assert.Equal(1, read.GetInt32("A"));
        Assert.True(read.GetBoolean("C"));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact(Timeout = 30_000)]
    public async Task UpsertEntity_Merge_KeepsOtherProperties()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 20 }, TableUpdateMode.Merge);

        var read = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(1, read.GetInt32("A"));
        Assert.Equal(20, read.GetInt32("B"));
    }

    [Fact(Timeout = 30_000)]
    public async Task UpsertEntity_Replace_DropsOtherProperties()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 }, TableUpdateMode.Replace);

        var etag = await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 20 }, TableUpdateMode.Replace);

        var read = (await table.GetEntityAsync("p", "r")).Value;
        Assert.False(read.ContainsKey("A"));
        Assert.Equal(20, read.GetInt32("B"));
        Assert.Equal(etag.Value, read.ETag);
    }

    [Fact(Timeout = 30_000)]
    public async Task UpdateEntity_CurrentETag_SucceedsWithNewETag()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var first = (await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "Open" })).Value;

        var second = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Status"] = "Claimed" }, first)).Value;

        Assert.NotEqual(first, second);
        Assert.Equal("Claimed", (await table.GetEntityAsync("p", "r")).Value.GetString("Status"));
    }

    [Fact(Timeout = 30_000)]
    public async Task UpdateEntity_StaleETag_ThrowsPreconditionFailed()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var stale = (await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 })).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, stale, TableUpdateMode.Replace));

        Assert.Equal(TableErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
    }

    [Fact(Timeout = 30_000)]
    public async Task UpdateEntity_MissingRow_ThrowsNotFound()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "gone"), ETag.All));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task UpdateEntity_DefaultETag_IsRejectedBeforeSending()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default));
    }

    [Fact(Timeout = 30_000)]
    public async Task DeleteEntity_StaleETag_ThrowsPreconditionFailed()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var stale = (await table.AddEntityAsync(new TableEntity("p", "r"))).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));

        Assert.Equal(TableErrorKind.PreconditionFailed, error.Kind);
        Assert.True((await table.GetEntityIfExistsAsync("p", "r")).HasValue);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeleteEntity_CurrentETagOrAny_RemovesRow()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var etag = (await table.AddEntityAsync(new TableEntity("p", "a"))).Value;
        await table.AddEntityAsync(new TableEntity("p", "b"));

        await table.DeleteEntityAsync("p", "a", etag);
        await table.DeleteEntityAsync("p", "b");

        Assert.False((await table.GetEntityIfExistsAsync("p", "a")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync("p", "b")).HasValue);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeleteEntity_Missing_IsNoError()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var response = await table.DeleteEntityAsync("p", "never");

        Assert.Equal(404, response.Status);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("O'Brien")]
    [InlineData("it''s 'quoted'")]
    [InlineData("Zoë Ødegård 日本 🎉")]
    [InlineData("spaces and %20 and + and & and =")]
    [InlineData("(parens),commas;semis:colons@at$dollar")]
    [InlineData("")]
    public async Task Keys_AwkwardButValidCharacters_RoundTripThroughUrls(string rowKey)
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var partitionKey = "pk " + rowKey;

        var etag = (await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 })).Value;
        var read = (await table.GetEntityAsync(partitionKey, rowKey)).Value;
        await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, etag);
        await table.DeleteEntityAsync(partitionKey, rowKey);

        Assert.Equal(rowKey, read.RowKey);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.False((await table.GetEntityIfExistsAsync(partitionKey, rowKey)).HasValue);
    }

    [Fact(Timeout = 30_000)]
    public async Task AddEntity_InvalidKey_FailsBeforeAnyRequest()
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = await TableTestClients.NewTableAsync(azurite, options);
        counter.Reset();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "a/b")));

        Assert.Contains("RowKey", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task AddEntity_MissingTable_ThrowsNotFound()
    {
        var table = TableTestClients.Service(azurite).GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task GetEntityIfExists_MissingTable_ThrowsNotFoundRatherThanReportingNoRow()
    {
        var table = TableTestClients.Service(azurite).GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }
}
