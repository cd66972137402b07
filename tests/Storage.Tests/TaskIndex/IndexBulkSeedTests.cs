using System.Globalization;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using static TaskFunctions.Storage.Tests.TaskIndex.TaskIndexTesting;

namespace TaskFunctions.Storage.Tests.TaskIndex;

/// <summary>
/// The benchmark seeds large indexes in bulk (<see cref="IndexBulkSeed"/>); its figures only count if the bulk rows
/// are the projection's rows. One set of tasks goes into two hubs, once each way, and both must hold the same rows
/// and answer searches the same, page by page.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IndexBulkSeedTests(AzuriteFixture azurite)
{
    private static readonly UserTaskFilter[] Searches =
    [
        new() { Assignee = "alice", State = UserTaskState.Created },
        new() { ClaimableBy = new EligibleUser("somebody", ["sales"]) },
        new() { Overdue = true, State = UserTaskState.Created },
    ];

    [Fact(Timeout = 120_000)]
    public async Task SeedAsync_SameTasksAsProjectAsync_SameRowsAndSameSearchPages()
    {
        var tasks = VariedTasks(240, seed: 13);
        var (projectedHub, projected) = await NewIndexAsync(azurite);
        var (seededHub, seeded) = await NewIndexAsync(azurite);
        await ProjectAllAsync(projected, tasks);
        // The projection stamps its manifests with its clock (the test clock, which stands still).
        var at = new ManualTimeProvider().GetUtcNow();

        var totals = await IndexBulkSeed.SeedAsync(seededHub.TaskIndex, tasks, at, parallelism: 8, CancellationToken.None);

        var projectedRows = await AllRowsAsync(projectedHub.TaskIndex);
        var seededRows = await AllRowsAsync(seededHub.TaskIndex);
        Assert.Equal(projectedRows.Count, totals.Rows);
        Assert.True(totals.Batches < projectedRows.Count / 10, $"{totals.Batches} batches for {projectedRows.Count} rows");
        Assert.Equal(projectedRows.Keys.Order(StringComparer.Ordinal), seededRows.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, properties) in projectedRows)
        {
            Assert.Equal(properties, seededRows[key]);
        }

        foreach (var filter in Searches)
        {
            var query = new UserTaskQuery(filter, Limit: 7);
            var fromProjection = await PagesAsync(projected, query);
            var fromSeed = await PagesAsync(seeded, query);
            Assert.True(fromProjection.Count > 2, $"{fromProjection.Count} pages");
            Assert.Equal(fromProjection, fromSeed);
        }
    }

    /// <summary>Every row of the table by "PartitionKey/RowKey", with its properties (the service's Timestamp left out).</summary>
    private static async Task<Dictionary<string, List<string>>> AllRowsAsync(TableClient table)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync((string?)null))
        {
            rows.Add(row.PartitionKey + "/" + row.RowKey, [.. row
                .Where(p => p.Key != TableEntity.TimestampName)
                .Select(p => p.Key + "=" + Describe(p.Value))
                .Order(StringComparer.Ordinal)]);
        }

        return rows;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        DateTimeOffset d => "date:" + d.ToString("O", CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Every page forward, each as its task keys, total, more-flag and cursors.</summary>
    private static async Task<List<string>> PagesAsync(UserTaskIndex index, UserTaskQuery query)
    {
        var pages = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await index.SearchAsync(query with { After = after }, CancellationToken.None);
            pages.Add(string.Join(",", page.Items.Select(t => UserTaskJson.Serialize(t)))
                + $" total={page.TotalItems} more={page.HasMoreTotalItems} start={page.StartCursor} end={page.EndCursor}");
            if (page.Items.Count < query.Limit)
            {
                return pages;
            }

            after = page.EndCursor;
        }
    }
}
