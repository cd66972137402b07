using Azure;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Runtime;

public sealed partial class CommandProcessor
{
    /// <summary>
    /// Writes a command's rows. Normally one transaction: the instance row (Add for a start, else UpdateReplace with
    /// If-Match), changed task/job rows, history rows and the outbox row.
    /// <para>
    /// <b>Commands larger than one transaction</b> (100 operations / 4 MiB — e.g. a multi-instance task creating
    /// hundreds of tasks, or canceling an instance with hundreds of open tasks) stay atomic by staging rows in
    /// earlier transactions; the final transaction with the instance row makes them part of the instance:
    /// <list type="bullet">
    /// <item>New rows (new tasks and jobs, history) that do not fit next to the instance row are written ahead
    /// (UpsertReplace). Nothing refers to them until the commit: the state lists the task and job keys it owns,
    /// history is read only up to the committed sequence.</item>
    /// <item>Changed existing task and job rows, when they do not all fit in the final transaction, are all written
    /// ahead with their new content in <c>Body</c>, the committed content kept in <c>PreviousBody</c>, and
    /// <c>StagedBy</c> = a stage id fresh for this attempt. The final transaction adds the row
    /// <c>commit-{stageId}</c>; readers take the new content only when that row exists.</item>
    /// <item>An existing instance's staging transactions each also merge a <c>Staging</c> column into the instance
    /// row with If-Match, and the next transaction uses the ETag that returns: staging goes on only while no
    /// other command has committed, so it never overwrites rows another command committed meanwhile (a 412 here is
    /// a lost race: re-read, re-apply).</item>
    /// </list>
    /// A failed staging batch or a lost final race leaves rows nobody counts: later commands overwrite those
    /// history numbers and rows, never reach those task keys, and read staged rows by their previous content.
    /// The index, timers and queue are projected only from the outbox row, which is always in the final
    /// transaction. Only a single row beyond the service's 1 MiB cannot be written (<see cref="CommandTooLargeException"/>).
    /// </para>
    /// Key lookups of new tasks and jobs and the outbox marker are written before the final transaction: they live
    /// in another table, and an orphan is harmless where a missing one is not.
    /// </summary>
    private async Task<CommitOutcome> CommitAsync(
        InstanceSnapshot? before, ExecutionResult result, string commandId, Task<OutboxMarker>? early, CancellationToken cancellationToken)
    {
        var instance = result.Instance!;
        var state = instance.State;
        var key = state.ProcessInstanceKey;
        var sequence = state.Sequence;
        var outbox = OutboxEntry.From(commandId, result, before?.Instance.State.Timers ?? []);
        var outboxOrNull = outbox.IsEmpty ? null : outbox;
        var firstEvent = result.Events.Count > 0 ? result.Events[0].Sequence : (long?)null;
        var stageId = Guid.NewGuid().ToString("N");

        var final = new List<TableTransactionAction>
        {
            before is null
                ? new(TableTransactionActionType.Add, InstanceRows.InstanceRow(state, commandId))
                : new(TableTransactionActionType.UpdateReplace, InstanceRows.InstanceRow(state, commandId), before.ETag),
        };
        if (outboxOrNull is not null)
        {
            final.Add(new(TableTransactionActionType.Add, InstanceRows.OutboxRow(key, outboxOrNull)));
        }

        var existing = new List<(TableEntity Row, string PreviousBody)>();
        var newRows = new List<(TableEntity Row, bool IsHistory)>();
        var newKeys = new List<(long Key, string Kind)>();
        foreach (var taskKey in result.ChangedUserTaskKeys)
        {
            var row = InstanceRows.TaskRow(instance.UserTasks[taskKey], sequence);
            if (before is not null && before.Instance.UserTasks.TryGetValue(taskKey, out var previous))
            {
                existing.Add((row, UserTaskJson.Serialize(previous)));
            }
            else
            {
                newRows.Add((row, false));
                newKeys.Add((taskKey, "userTask"));
            }
        }

        foreach (var jobKey in result.ChangedJobKeys)
        {
            var row = InstanceRows.JobRow(instance.Jobs[jobKey], sequence);
            if (before is not null && before.Instance.Jobs.TryGetValue(jobKey, out var previous))
            {
                existing.Add((row, ProcessInstanceJson.Serialize(previous)));
            }
            else
            {
                newRows.Add((row, false));
                newKeys.Add((jobKey, "job"));
            }
        }

        // Incidents are resolved by their key alone (POST /v2/incidents/{incidentKey}/resolution), so each new one
        // gets a lookup like tasks and jobs.
        foreach (var incident in instance.State.Incidents)
        {
            if (before is null || !before.Instance.State.Incidents.Any(i => i.Key == incident.Key))
            {
                newKeys.Add((incident.Key, "incident"));
            }
        }

        foreach (var processEvent in result.Events)
        {
            newRows.Add((InstanceRows.HistoryRow(key, processEvent, commandId, sequence), true));
        }

        var staged = new List<TableTransactionAction>();
        var bytes = final.Sum(a => InstanceRows.EstimateBytes(a.Entity));
        var existingBytes = existing.Sum(e => InstanceRows.EstimateBytes(e.Row));
        if (final.Count + existing.Count <= _options.MaxBatchOperations && bytes + existingBytes <= _options.MaxBatchBytes)
        {
            final.AddRange(existing.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e.Row)));
            bytes += existingBytes;
        }
        else
        {
            // Guarded by the instance row like the final transaction (see StageAsync), so no ETag per row.
            foreach (var (row, previousBody) in existing)
            {
                var previousSequence = before!.RowSequences.GetValueOrDefault(row.RowKey!);
                staged.Add(new(TableTransactionActionType.UpdateReplace, InstanceRows.Staged(row, stageId, previousBody, previousSequence)));
            }

            var commit = InstanceRows.CommitRow(key, stageId, commandId, sequence);
            final.Add(new(TableTransactionActionType.Add, commit));
            bytes += InstanceRows.EstimateBytes(commit);
        }

        if (before is { HasAllRows: true })
        {
            // A commit row is needed while some row carries its stage id; with every row read (and the final
            // transaction guarded by the instance row) the unreferenced ones can go.
            var rewritten = existing.Select(e => e.Row.RowKey!).ToHashSet(StringComparer.Ordinal);
            var referenced = before.RowStages.Where(s => !rewritten.Contains(s.Key)).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in before.CommittedStages.Where(s => !referenced.Contains(s)).Order(StringComparer.Ordinal))
            {
                if (final.Count >= _options.MaxBatchOperations - 1)
                {
                    break;
                }

                final.Add(new(TableTransactionActionType.Delete, new TableEntity(InstanceRows.PartitionKey(key), InstanceRows.CommitRowKey(stage))));
            }
        }

        foreach (var (row, isHistory) in newRows)
        {
            var size = InstanceRows.EstimateBytes(row);
            if (staged.Count == 0 && final.Count < _options.MaxBatchOperations && bytes + size <= _options.MaxBatchBytes)
            {
                // History may meet rows staged by an attempt that never committed: replace them.
                final.Add(new(isHistory ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, row));
                bytes += size;
            }
            else
            {
                staged.Add(new(TableTransactionActionType.UpsertReplace, row));
            }
        }

        if (staged.Concat(final).FirstOrDefault(a => InstanceRows.EntityBytes(a.Entity) > InstanceRows.MaxEntityBytes) is { } oversized)
        {
            throw new CommandTooLargeException(
                $"Row {oversized.Entity.RowKey} of process instance {key} would take {InstanceRows.EntityBytes(oversized.Entity)} bytes; "
                + $"the service stores at most {InstanceRows.MaxEntityBytes} per row (a staged row holds its new and its committed content).");
        }

        var pending = new PendingCommit(key, commandId, result, outboxOrNull, firstEvent, null)
        {
            Earlier = before?.PendingOutbox.Where(o => o.Sequence < sequence).ToList() ?? [],
        };
        try
        {
            var lookups = _lookup.RecordAsync(newKeys, key, cancellationToken);
            var marking = early is not null ? MarkedAsync(early)
                : outboxOrNull is null ? Task.FromResult<OutboxMarker?>(null)
                : MarkedAsync(_markers.SetAsync(key, commandId, cancellationToken));
            await Task.WhenAll(lookups, marking).ConfigureAwait(false);
            pending = pending with { Marker = await marking.ConfigureAwait(false) };

            var guard = before?.ETag;
            foreach (var batch in Batches(staged, guard is null ? 0 : 1))
            {
                if (guard is { } etag)
                {
                    batch.Insert(0, new(TableTransactionActionType.UpdateMerge, InstanceRows.StagingGuard(key, stageId), etag));
                }

                var results = await _hub.Instances.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                if (guard is not null)
                {
                    guard = results.Value[0].ETag ?? throw new InvalidDataException("A staging transaction returned no ETag for the instance row.");
                }
            }

            if (guard is { } last && staged.Count > 0)
            {
                final[0] = final[0] with { ETag = last };
            }
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException($"The command on process instance {key} was not applied: storage is unavailable.", ex);
        }
        catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            // Another command committed while this one was staging: re-read and re-apply.
            return new CommitOutcome(false, pending, "staging " + ex.Kind);
        }

        try
        {
            await _hub.Instances.SubmitTransactionAsync(final, cancellationToken).ConfigureAwait(false);
            if (staged.Count > 0)
            {
                Logs.LargeCommandCommitted(_logger, key, staged.Count, final.Count);
            }

            return new CommitOutcome(true, pending, "committed");
        }
        catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.AlreadyExists
            or TableErrorKind.NotFound or TableErrorKind.Conflict or TableErrorKind.Unavailable)
        {
            // A lost race, or an answer lost after the service applied it (a retried write then fails on its own
            // result): the caller re-reads and decides by the command id.
            return new CommitOutcome(false, pending, ex.Kind.ToString());
        }
    }

    private static async Task<OutboxMarker?> MarkedAsync(Task<OutboxMarker> marking) => await marking.ConfigureAwait(false);

    // Staging transactions of at most the allowed operations and bytes, leaving room for `reserved` more.
    private IEnumerable<List<TableTransactionAction>> Batches(List<TableTransactionAction> actions, int reserved)
    {
        var batch = new List<TableTransactionAction>();
        long bytes = 0;
        foreach (var action in actions)
        {
            var size = InstanceRows.EstimateBytes(action.Entity);
            if (batch.Count > 0 && (batch.Count + reserved >= _options.MaxBatchOperations || bytes + size > _options.MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
