using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// Writes many new tasks into the task index at once: exactly the rows a completed
/// <see cref="UserTaskIndex.ProjectAsync"/> leaves behind (the index rows of <see cref="IndexRows.KeysOf"/> and the
/// manifest with the task indexed and nothing pending), but as entity-group transactions of many tasks per partition
/// sent in parallel, instead of three manifest requests and one transaction per partition for each task. Only for
/// tasks that were never indexed and are not projected meanwhile (benchmarks, tests): it neither reads nor guards
/// the manifests.
/// </summary>
internal static class IndexBulkSeed
{
    /// <summary>What one seeding wrote and sent.</summary>
    public readonly record struct Totals(long Rows, long Batches, long Requests);

    /// <summary>Writes the rows of <paramref name="tasks"/>; their manifests say they were indexed at <paramref name="at"/>.</summary>
    public static async Task<Totals> SeedAsync(TableClient table, IReadOnlyList<UserTask> tasks, DateTimeOffset at, int parallelism, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(tasks);
        var json = new string[tasks.Count];
        var rowKeys = new string[tasks.Count][];
        var partitions = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            json[i] = UserTaskJson.Serialize(tasks[i]);
            // A task has the same RowKeys in each of its partitions.
            var keys = IndexRows.KeysOf(tasks[i]).ToList();
            rowKeys[i] = [.. keys.Select(k => k.RowKey).Distinct(StringComparer.Ordinal)];
            foreach (var partition in keys.Select(k => k.PartitionKey).Distinct(StringComparer.Ordinal))
            {
                if (!partitions.TryGetValue(partition, out var members))
                {
                    partitions.Add(partition, members = []);
                }

                members.Add(i);
            }
        }

        // Each manifest is a partition of its own: one upsert each. They go first because the emulator keeps its rows
        // in arrays sorted by PartitionKey and by RowKey, and the manifests' empty RowKey sorts before every other row:
        // each insert shifts every row already there.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, tasks.Count), options, async (i, token) =>
            await table.UpsertEntityAsync(IndexManifest.Row(tasks[i].UserTaskKey, tasks[i], null, at), TableUpdateMode.Replace, token)
                .ConfigureAwait(false)).ConfigureAwait(false);

        // Many tasks share a partition (every task of a process, of a group shard, of an assignee): one transaction
        // carries up to 100 of its rows. Partitions go in key order, so the emulator inserts near the end of its sorted
        // PartitionKey array. Rows are built batch by batch, as they are sent: a million rows at once would not fit.
        var batchSize = UserTaskIndex.RowsPerBatch(json.Max(j => j.Length));
        var batches = partitions.SelectMany(p => p.Value
            .SelectMany(i => rowKeys[i].Select(rk => (Partition: p.Key, Task: i, RowKey: rk)))
            .Chunk(batchSize));
        long rows = 0, batchCount = 0;
        await Parallel.ForEachAsync(batches, options, async (batch, token) =>
        {
            var actions = batch
                .Select(r => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace, IndexRows.Create(r.Partition, r.RowKey, tasks[r.Task], json[r.Task])))
                .ToList();
            await table.SubmitTransactionAsync(actions, token).ConfigureAwait(false);
            Interlocked.Add(ref rows, actions.Count);
            Interlocked.Increment(ref batchCount);
        }).ConfigureAwait(false);

        return new Totals(rows + tasks.Count, batchCount, batchCount + tasks.Count);
    }
}
