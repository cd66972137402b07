using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// Writes many new tasks into an empty part of the task index at once: exactly the rows
/// <see cref="UserTaskIndex.ProjectAsync"/> leaves behind (<see cref="UserTaskIndex.ProjectedRows"/>), but as
/// entity-group transactions of many tasks per partition sent in parallel, without the manifest's pending step.
/// Only for tasks that were never indexed and are not projected meanwhile (benchmarks, tests): it neither reads
/// nor guards the manifests.
/// </summary>
internal static class IndexBulkSeed
{
    /// <summary>What one seeding sent.</summary>
    public readonly record struct Totals(long Rows, long Batches, long Requests);

    /// <summary>Writes the rows of <paramref name="tasks"/>; the manifests say they were indexed at <paramref name="at"/>.</summary>
    public static async Task<Totals> SeedAsync(TableClient table, IReadOnlyList<UserTask> tasks, DateTimeOffset at, int parallelism, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(tasks);
        var rows = new TableEntity[tasks.Count][];
        var manifests = new TableEntity[tasks.Count];
        var jsonLength = 1;
        for (var i = 0; i < tasks.Count; i++)
        {
            var (indexRows, manifest) = UserTaskIndex.ProjectedRows(tasks[i], at);
            rows[i] = [.. indexRows];
            manifests[i] = manifest;
            jsonLength = Math.Max(jsonLength, LargeStringProperty.Read(rows[i][0], IndexRows.TaskProperty)?.Length ?? 1);
        }

        // Each manifest is a partition of its own: one upsert each. They go first: the emulator keeps its rows in
        // arrays sorted by PartitionKey and by RowKey, and the manifests' empty RowKey sorts before every row.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(manifests, options, async (manifest, token) =>
            await table.UpsertEntityAsync(manifest, TableUpdateMode.Replace, token).ConfigureAwait(false)).ConfigureAwait(false);

        // Many tasks share a partition (all tasks of a process, of a group shard, of an assignee): one transaction
        // carries up to 100 of its rows, and the partitions go in key order, which keeps the emulator's inserts
        // near the end of its sorted PartitionKey array.
        var batchSize = UserTaskIndex.RowsPerBatch(jsonLength);
        var batches = rows.SelectMany(r => r)
            .GroupBy(r => r.PartitionKey!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(batchSize))
            .Select(chunk => chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList());
        long rowCount = 0, batchCount = 0;
        await Parallel.ForEachAsync(batches, options, async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch, token).ConfigureAwait(false);
            Interlocked.Add(ref rowCount, batch.Count);
            Interlocked.Increment(ref batchCount);
        }).ConfigureAwait(false);

        return new Totals(rowCount + manifests.Length, batchCount, batchCount + manifests.Length);
    }
}
