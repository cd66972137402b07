using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Instances;

/// <summary>
/// Reads instance partitions: the instance row with just the task and job rows a command needs (one request), or
/// with all of them; the history; pending outbox rows. Writes go through the command processor.
/// <para>
/// Every read of task and job rows returns their <i>committed</i> content: a row staged by an oversized command
/// (<see cref="InstanceRows.Staged"/>) counts with its new content only once that attempt's <c>commit-{stageId}</c>
/// row exists, and with its previous content before (or forever, when the attempt failed).
/// </para>
/// </summary>
public sealed class InstanceStore(TaskHub hub)
{
    // Azure allows 15 comparisons per filter: PartitionKey, the instance row, the commit rows' range (two), the
    // outbox rows' range (two), and up to 9 more rows.
    private const int MaxPointRows = 9;

    public TableClient Table => hub.Instances;

    /// <summary>
    /// Reads the instance row and the rows of <paramref name="userTaskKeys"/> and <paramref name="jobKeys"/> (missing
    /// ones are skipped) in one query, or every task and job row when <paramref name="all"/> is set or there are too
    /// many keys for one filter. Null when the instance does not exist.
    /// </summary>
    public async Task<InstanceSnapshot?> ReadAsync(
        long processInstanceKey,
        IReadOnlyCollection<long> userTaskKeys,
        IReadOnlyCollection<long> jobKeys,
        bool all,
        CancellationToken cancellationToken = default)
    {
        var pk = InstanceRows.PartitionKey(processInstanceKey);
        all |= userTaskKeys.Count + jobKeys.Count > MaxPointRows;
        TableFilter filter;
        if (all)
        {
            filter = TableFilter.Create(
                $"PartitionKey eq {pk} and ((RowKey ge {InstanceRows.CommitPrefix} and RowKey lt {"commit."}) or (RowKey ge {InstanceRows.InstanceRowKey} and RowKey lt {"outbox."}) or (RowKey ge {InstanceRows.TaskPrefix} and RowKey lt {"task."}))");
        }
        else
        {
            var rows = TableFilter.Property(TableEntity.RowKeyName).Eq(InstanceRows.InstanceRowKey)
                .Or(TableFilter.Property(TableEntity.RowKeyName).Ge(InstanceRows.CommitPrefix).And(TableFilter.Property(TableEntity.RowKeyName).Lt("commit.")))
                .Or(TableFilter.Property(TableEntity.RowKeyName).Ge(InstanceRows.OutboxPrefix).And(TableFilter.Property(TableEntity.RowKeyName).Lt("outbox.")));
            foreach (var key in userTaskKeys)
            {
                rows = rows.Or(TableFilter.Property(TableEntity.RowKeyName).Eq(InstanceRows.TaskRowKey(key)));
            }

            foreach (var key in jobKeys)
            {
                rows = rows.Or(TableFilter.Property(TableEntity.RowKeyName).Eq(InstanceRows.JobRowKey(key)));
            }

            filter = TableFilter.Property(TableEntity.PartitionKeyName).Eq(pk).And(rows);
        }

        TableEntity? instanceRow = null;
        var rowsRead = new List<TableEntity>();
        var commits = new HashSet<string>(StringComparer.Ordinal);
        var outbox = new List<OutboxEntry>();
        try
        {
            await foreach (var row in hub.Instances.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var rowKey = row.RowKey!;
                if (rowKey == InstanceRows.InstanceRowKey)
                {
                    instanceRow = row;
                }
                else if (rowKey.StartsWith(InstanceRows.CommitPrefix, StringComparison.Ordinal))
                {
                    commits.Add(rowKey[InstanceRows.CommitPrefix.Length..]);
                }
                else if (rowKey.StartsWith(InstanceRows.OutboxPrefix, StringComparison.Ordinal))
                {
                    outbox.Add(InstanceRows.ReadOutbox(row));
                }
                else
                {
                    rowsRead.Add(row);
                }
            }
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException("Could not read the process instance: storage is unavailable.", ex);
        }

        if (instanceRow is null)
        {
            return null;
        }

        var tasks = new Dictionary<long, UserTask>();
        var jobs = new Dictionary<long, Job>();
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        var stages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rowsRead)
        {
            var rowKey = row.RowKey!;
            var body = InstanceRows.CommittedBodyColumn(row, commits.Contains);
            if (rowKey.StartsWith(InstanceRows.TaskPrefix, StringComparison.Ordinal))
            {
                tasks[InstanceRows.KeyOf(rowKey, InstanceRows.TaskPrefix)] = InstanceRows.ReadTask(row, body);
            }
            else if (rowKey.StartsWith(InstanceRows.JobPrefix, StringComparison.Ordinal))
            {
                jobs[InstanceRows.KeyOf(rowKey, InstanceRows.JobPrefix)] = InstanceRows.ReadJob(row, body);
            }
            else
            {
                continue;
            }

            sequences[rowKey] = InstanceRows.CommittedSequence(row, body);
            if (InstanceRows.StagedBy(row) is { } stage)
            {
                stages[rowKey] = stage;
            }
        }

        var state = InstanceRows.ReadState(instanceRow);
        var referencedTasks = state.ElementInstances.Where(e => e.UserTaskKey is not null).Select(e => e.UserTaskKey!.Value).ToHashSet();
        var referencedJobs = state.ElementInstances.Where(e => e.JobKey is not null).Select(e => e.JobKey!.Value).ToHashSet();
        RemoveUncommitted(tasks, referencedTasks, t => t.IsOpen);
        RemoveUncommitted(jobs, referencedJobs, j => j.State is JobState.Activatable or JobState.Failed);

        return new InstanceSnapshot(
            new ProcessInstance(state, tasks, jobs),
            instanceRow.ETag,
            instanceRow.GetString(InstanceRows.LastCommandIdColumn),
            all)
        {
            RowSequences = sequences,
            RowStages = stages,
            CommittedStages = commits,
            PendingOutbox = [.. outbox.OrderBy(o => o.Sequence)],
        };
    }

    /// <summary>The instance with every task and job, or null when it does not exist.</summary>
    public Task<InstanceSnapshot?> ReadAllAsync(long processInstanceKey, CancellationToken cancellationToken = default) =>
        ReadAsync(processInstanceKey, [], [], all: true, cancellationToken);

    /// <summary>The committed content of one user task row, or null when there is none.</summary>
    public static async Task<UserTask?> ReadCommittedTaskAsync(TableClient table, long processInstanceKey, long userTaskKey, CancellationToken cancellationToken)
    {
        var row = await ReadCommittedRowAsync(table, processInstanceKey, InstanceRows.TaskRowKey(userTaskKey), cancellationToken).ConfigureAwait(false);
        return row is { } r ? InstanceRows.ReadTask(r.Row, r.BodyColumn) : null;
    }

    /// <summary>The committed content of one job row, or null when there is none.</summary>
    public static async Task<Job?> ReadCommittedJobAsync(TableClient table, long processInstanceKey, long jobKey, CancellationToken cancellationToken)
    {
        var row = await ReadCommittedRowAsync(table, processInstanceKey, InstanceRows.JobRowKey(jobKey), cancellationToken).ConfigureAwait(false);
        return row is { } r ? InstanceRows.ReadJob(r.Row, r.BodyColumn) : null;
    }

    // A point read; a staged row costs one more to learn whether its stage committed.
    private static async Task<(TableEntity Row, string BodyColumn)?> ReadCommittedRowAsync(
        TableClient table, long processInstanceKey, string rowKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pk = InstanceRows.PartitionKey(processInstanceKey);
        var row = await table.GetEntityIfExistsAsync(pk, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        if (InstanceRows.StagedBy(entity) is not { } stage)
        {
            return (entity, InstanceRows.BodyColumn);
        }

        var commit = await table.GetEntityIfExistsAsync(pk, InstanceRows.CommitRowKey(stage), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (entity, InstanceRows.CommittedBodyColumn(entity, _ => commit.HasValue));
    }

    /// <summary>The committed history of an instance, in order.</summary>
    public async Task<IReadOnlyList<ProcessEvent>> ReadHistoryAsync(long processInstanceKey, CancellationToken cancellationToken = default)
    {
        var snapshot = await ReadAsync(processInstanceKey, [], [], all: false, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return [];
        }

        var pk = InstanceRows.PartitionKey(processInstanceKey);
        var events = new List<ProcessEvent>();
        await foreach (var row in hub.Instances.QueryAsync(
            TableFilter.Create($"PartitionKey eq {pk} and RowKey ge {InstanceRows.HistoryPrefix} and RowKey lt {"history."}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var processEvent = InstanceRows.ReadHistory(row);
            // Rows past the committed sequence were staged by a command that did not commit.
            if (processEvent.Sequence <= snapshot.Sequence)
            {
                events.Add(processEvent);
            }
        }

        return events;
    }

    /// <summary>The outbox rows of an instance (committed projections not yet finished).</summary>
    public async Task<IReadOnlyList<(OutboxEntry Entry, Azure.ETag ETag)>> ReadOutboxAsync(long processInstanceKey, CancellationToken cancellationToken = default)
    {
        var pk = InstanceRows.PartitionKey(processInstanceKey);
        var entries = new List<(OutboxEntry, Azure.ETag)>();
        await foreach (var row in hub.Instances.QueryAsync(
            TableFilter.Create($"PartitionKey eq {pk} and RowKey ge {InstanceRows.OutboxPrefix} and RowKey lt {"outbox."}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add((InstanceRows.ReadOutbox(row), row.ETag));
        }

        return entries;
    }

    // An open task or activatable job the state does not refer to was staged by a large command that never
    // committed (or is left from a failed attempt): it is not part of the instance.
    private static void RemoveUncommitted<T>(Dictionary<long, T> rows, HashSet<long> referenced, Func<T, bool> isOpen)
    {
        foreach (var key in rows.Where(r => !referenced.Contains(r.Key) && isOpen(r.Value)).Select(r => r.Key).ToList())
        {
            rows.Remove(key);
        }
    }
}
