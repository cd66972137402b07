using Azure;
using TaskFunctions.Domain.Execution;
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
    /// hundreds of tasks) stay atomic by staging: every row that is <i>new</i> (new tasks and jobs, history) and does
    /// not fit next to the instance row is written first in earlier transactions (UpsertReplace), then the final
    /// transaction with the instance row makes them part of the instance. Until then nothing refers to them: the
    /// state lists the task and job keys it owns, history is read only up to the committed sequence, and the index,
    /// timers and queue are projected only from the outbox row, which is always in the final transaction. A
    /// staging failure or a lost final race leaves unreferenced rows that readers ignore and later commands
    /// overwrite (history) or never reach (fresh task/job keys). Changed <i>existing</i> rows cannot be staged, so
    /// they must fit in the final transaction (<see cref="CommandTooLargeException"/> otherwise).
    /// </para>
    /// Key lookups of new tasks and jobs and the outbox marker are written before the final transaction: they live
    /// in another table, and an orphan is harmless where a missing one is not.
    /// </summary>
    private async Task<CommitOutcome> CommitAsync(InstanceSnapshot? before, ExecutionResult result, string commandId, CancellationToken cancellationToken)
    {
        var instance = result.Instance!;
        var state = instance.State;
        var key = state.ProcessInstanceKey;
        var sequence = state.Sequence;
        var outbox = OutboxEntry.From(commandId, result, before?.Instance.State.Timers ?? []);
        var outboxOrNull = outbox.IsEmpty ? null : outbox;
        var firstEvent = result.Events.Count > 0 ? result.Events[0].Sequence : (long?)null;

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

        var newRows = new List<(TableEntity Row, bool IsHistory)>();
        var newKeys = new List<(long Key, string Kind)>();
        foreach (var taskKey in result.ChangedUserTaskKeys)
        {
            var row = InstanceRows.TaskRow(instance.UserTasks[taskKey], sequence);
            if (before is not null && before.Instance.UserTasks.ContainsKey(taskKey))
            {
                final.Add(new(TableTransactionActionType.UpdateReplace, row));
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
            if (before is not null && before.Instance.Jobs.ContainsKey(jobKey))
            {
                final.Add(new(TableTransactionActionType.UpdateReplace, row));
            }
            else
            {
                newRows.Add((row, false));
                newKeys.Add((jobKey, "job"));
            }
        }

        foreach (var processEvent in result.Events)
        {
            newRows.Add((InstanceRows.HistoryRow(key, processEvent, commandId, sequence), true));
        }

        if (final.Count > _options.MaxBatchOperations)
        {
            throw new CommandTooLargeException(
                $"The command changes {final.Count - 1} existing rows of process instance {key}; at most {_options.MaxBatchOperations - 2} fit in one transaction.");
        }

        var bytes = final.Sum(a => InstanceRows.EstimateBytes(a.Entity));
        var staged = new List<TableEntity>();
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
                staged.Add(row);
            }
        }

        ETag? marker = null;
        try
        {
            var lookups = _lookup.RecordAsync(newKeys, key, cancellationToken);
            var marking = outboxOrNull is null ? Task.FromResult<ETag?>(null) : MarkAsync(key, cancellationToken);
            await Task.WhenAll(lookups, marking).ConfigureAwait(false);
            marker = await marking.ConfigureAwait(false);

            foreach (var batch in Batches(staged))
            {
                await _hub.Instances.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException($"The command on process instance {key} was not applied: storage is unavailable.", ex);
        }

        var pending = new PendingCommit(key, commandId, result, outboxOrNull, firstEvent, marker);
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

    private async Task<ETag?> MarkAsync(long processInstanceKey, CancellationToken cancellationToken) =>
        await _markers.SetAsync(processInstanceKey, cancellationToken).ConfigureAwait(false);

    private IEnumerable<List<TableTransactionAction>> Batches(List<TableEntity> rows)
    {
        var batch = new List<TableTransactionAction>();
        long bytes = 0;
        foreach (var row in rows)
        {
            var size = InstanceRows.EstimateBytes(row);
            if (batch.Count > 0 && (batch.Count >= _options.MaxBatchOperations || bytes + size > _options.MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(new(TableTransactionActionType.UpsertReplace, row));
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
