using Azure;
using Azure.Core;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task Submit_EveryActionType_AppliesAllAndReturnsETagsInOrder()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var merged = (await table.AddEntityAsync(new TableEntity("wf", "merge") { ["A"] = 1, ["B"] = 1 })).Value;
        var replaced = (await table.AddEntityAsync(new TableEntity("wf", "replace") { ["A"] = 1, ["B"] = 1 })).Value;
        await table.AddEntityAsync(new TableEntity("wf", "delete"));
        await table.AddEntityAsync(new TableEntity("wf", "upsertMerge") { ["A"] = 1 });

        var response = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "add") { ["A"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("wf", "merge") { ["B"] = 2 }, merged),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("wf", "replace") { ["B"] = 2 }, replaced),
            new(TableTransactionActionType.Delete, new TableEntity("wf", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("wf", "upsertMerge") { ["B"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("wf", "upsertReplace") { ["B"] = 2 }),
        ]);

        var results = response.Value;
        Assert.Equal(202, response.GetRawResponse().Status);
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal(204, r.Status));
        Assert.Null(results[3].ETag);
        var rows = (await table.QueryAsync().ToListAsync()).ToDictionary(e => e.RowKey!);
        Assert.Equal(["add", "merge", "replace", "upsertMerge", "upsertReplace"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(results[0].ETag, rows["add"].ETag);
        Assert.Equal(results[1].ETag, rows["merge"].ETag);
        Assert.Equal(1, rows["merge"].GetInt32("A"));
        Assert.False(rows["replace"].ContainsKey("A"));
        Assert.Equal(1, rows["upsertMerge"].GetInt32("A"));
        Assert.Equal(2, rows["upsertMerge"].GetInt32("B"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_AddOfExistingRowAtIndex1_RollsBackEverythingAndNamesIndex1()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var existing = (await table.AddEntityAsync(new TableEntity("wf", "b") { ["V"] = "original" })).Value;

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "a")),
            new(TableTransactionActionType.Add, new TableEntity("wf", "b") { ["V"] = "new" }),
            new(TableTransactionActionType.Add, new TableEntity("wf", "c")),
        ]));

        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(TableErrorKind.AlreadyExists, error.Kind);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("action 1", error.Message, StringComparison.Ordinal);
        var rows = await table.QueryAsync().ToListAsync();
        var only = Assert.Single(rows);
        Assert.Equal("original", only.GetString("V"));
        Assert.Equal(existing, only.ETag);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_StaleETagAtIndex2_ThrowsPreconditionFailedAndAppliesNothing()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var stale = (await table.AddEntityAsync(new TableEntity("wf", "meta") { ["Version"] = 1 })).Value;
        await table.UpsertEntityAsync(new TableEntity("wf", "meta") { ["Version"] = 2 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "history-1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("wf", "task-1")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("wf", "meta") { ["Version"] = 3 }, stale),
        ]));

        Assert.Equal(TableErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.Equal(["meta"], (await table.QueryAsync().ToListAsync()).Select(e => e.RowKey));
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_UpdateOfMissingRow_ThrowsNotFoundWithIndex()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "a")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("wf", "missing"), ETag.All),
        ]));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Submit_100Actions_Succeeds()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var response = await table.SubmitTransactionAsync(Adds("wf", 100));

        Assert.Equal(100, response.Value.Count);
        Assert.Equal(100, (await table.QueryAsync().ToListAsync()).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_101Actions_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Adds("wf", 101)));

        Assert.Contains("101", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_NoActions_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));

        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_TwoPartitions_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("wf2", "b")),
        ]));

        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_DuplicateRow_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "a")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("wf", "a")),
        ]));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_BodyOver4MiB_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();
        var big = new string('x', 32 * 1024);
        var actions = Enumerable.Range(0, 50).Select(i =>
        {
            var entity = new TableEntity("wf", $"r{i}");
            for (var p = 0; p < 3; p++)
            {
                entity[$"P{p}"] = big;
            }

            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));

        Assert.Contains("4 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_InvalidEntity_RejectedBeforeSending()
    {
        var (table, counter) = await CountedTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("wf", "a") { ["bad-name"] = 1 }),
        ]));

        Assert.Contains("bad-name", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Submit_AwkwardKeys_AreEscapedInSubRequests()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var partition = "wf 'Zoë'";
        await table.AddEntityAsync(new TableEntity(partition, "it's"));

        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, "it's") { ["V"] = 1 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "ö & ü") { ["V"] = 2 }),
        ]);

        Assert.Equal(1, (await table.GetEntityAsync(partition, "it's")).Value.GetInt32("V"));
        Assert.Equal(2, (await table.GetEntityAsync(partition, "ö & ü")).Value.GetInt32("V"));
    }

    private async Task<(TableClient Table, RequestCountingPolicy Counter)> CountedTableAsync()
    {
        var counter = new RequestCountingPolicy();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = await TableTestClients.NewTableAsync(azurite, options);
        counter.Reset();
        return (table, counter);
    }

    private static IEnumerable<TableTransactionAction> Adds(string partition, int count) =>
        Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"r{i:D3}") { ["I"] = i }));
}
