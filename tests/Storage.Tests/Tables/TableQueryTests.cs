using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 90_000)]
    public async Task Query_2500RowsOverThreePartitions_FollowsContinuationsAndReturnsEachRowOnce()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var expected = await InsertRowsAsync(table, partitions: ["a", "b", "c"], rowsPerPartition: 834);

        var pages = await table.QueryAsync().AsPages().ToListAsync();
        var all = pages.SelectMany(p => p.Values).Select(e => $"{e.PartitionKey}/{e.RowKey}").ToList();

        Assert.True(pages.Count >= 3, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Values.Count <= 1000));
        Assert.Equal(expected.Count, all.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 90_000)]
    public async Task Query_MaxPerPageAndFilter_PagesWithFilterKept()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await InsertRowsAsync(table, partitions: ["a", "b"], rowsPerPartition: 300);

        var pages = await table.QueryAsync(TableFilter.Property("Even").Eq(true), maxPerPage: 70, select: ["PartitionKey", "RowKey", "Index"]).AsPages().ToListAsync();
        var rows = pages.SelectMany(p => p.Values).ToList();

        Assert.Equal(300, rows.Count);
        Assert.All(pages, p => Assert.True(p.Values.Count <= 70));
        Assert.True(pages.Count >= 5);
        Assert.All(rows, r => Assert.Equal(0, r.GetInt32("Index")! % 2));
        Assert.All(rows, r => Assert.False(r.ContainsKey("Even")));
        Assert.Equal(rows.Count, rows.Select(r => $"{r.PartitionKey}/{r.RowKey}").Distinct().Count());
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_PartitionPrefix_ReturnsOnlyThoseRows()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        foreach (var pk in new[] { "task|1", "task|2", "tasl", "job|1", "task" })
        {
            await table.AddEntityAsync(new TableEntity(pk, "r"));
        }

        var rows = await table.QueryAsync(TableFilter.PartitionKey.StartsWith("task|")).ToListAsync();

        Assert.Equal(["task|1", "task|2"], rows.Select(r => r.PartitionKey).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_InjectionAttemptsAsValues_MatchOnlyTheExactRow()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        string[] names =
        [
            "Zoë 'O''Brien' or PartitionKey ne ''",
            "O'Brien",
            "x' or 'a' eq 'a",
            "a eq a",
            "' or RowKey ne '",
            "plain",
            "Zoë",
        ];
        for (var i = 0; i < names.Length; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i}") { ["Assignee"] = names[i] });
        }

        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            var fluent = await table.QueryAsync(TableFilter.Property("Assignee").Eq(name)).ToListAsync();
            var interpolated = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"} and Assignee eq {name}")).ToListAsync();

            Assert.Equal($"r{i}", Assert.Single(fluent).RowKey);
            Assert.Equal($"r{i}", Assert.Single(interpolated).RowKey);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_TypedComparisons_UseTypedLiterals()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", $"r{i}")
            {
                ["Due"] = start.AddDays(i), ["Big"] = 5_000_000_000L + i, ["Score"] = i + 0.5, ["Id"] = i == 3 ? id : Guid.NewGuid(),
            });
        }

        var due = await table.QueryAsync(TableFilter.Property("Due").Ge(start.AddDays(3))).ToListAsync();
        var big = await table.QueryAsync(TableFilter.Create($"Big lt {5_000_000_002L}")).ToListAsync();
        var score = await table.QueryAsync(TableFilter.Property("Score").Gt(3.0)).ToListAsync();
        var byId = await table.QueryAsync(TableFilter.Property("Id").Eq(id)).ToListAsync();

        Assert.Equal(["r3", "r4"], due.Select(e => e.RowKey));
        Assert.Equal(["r0", "r1"], big.Select(e => e.RowKey));
        Assert.Equal(["r3", "r4"], score.Select(e => e.RowKey));
        Assert.Equal("r3", Assert.Single(byId).RowKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_NoMatch_ReturnsEmpty()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        Assert.Empty(await table.QueryAsync(TableFilter.PartitionKey.Eq("nothing")).ToListAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task Query_InvalidFilterText_ThrowsInvalidInput()
    {
        var table = await TableTestClients.NewTableAsync(azurite);

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.QueryAsync("startswith(PartitionKey,'a')").ToListAsync().AsTask());

        Assert.Equal(TableErrorKind.InvalidInput, error.Kind);
    }

    private static async Task<List<string>> InsertRowsAsync(TableClient table, string[] partitions, int rowsPerPartition)
    {
        var keys = new List<string>();
        foreach (var partition in partitions)
        {
            var rows = Enumerable.Range(0, rowsPerPartition).Select(i => new TableEntity(partition, i.ToString("D5"))
            {
                ["Index"] = i,
                ["Even"] = i % 2 == 0,
            }).ToList();
            foreach (var chunk in rows.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
            }

            keys.AddRange(rows.Select(r => $"{r.PartitionKey}/{r.RowKey}"));
        }

        return keys;
    }
}
