using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Domain;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Tables;
using ExecutionContext = TaskFunctions.Domain.Execution.ExecutionContext;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Runs commands against process instances stored in <c>{hub}Instances</c>: read the rows the command needs (one
/// request), run the interpreter, commit everything in one entity-group transaction guarded by the instance row's
/// ETag, project the outbox, answer. A lost race (412) re-reads and re-applies, so the loser gets the domain's
/// answer on the fresh state; a write whose answer was lost is recognised by the command id it left on the instance
/// row and its first history row. Commands too large for one transaction stage their new rows first (see
/// <see cref="CommitAsync"/>).
/// </summary>
public sealed partial class CommandProcessor
{
    private readonly TaskHub _hub;
    private readonly InstanceStore _store;
    private readonly DefinitionStore _definitions;
    private readonly SnowflakeKeyGenerator _keys;
    private readonly KeyLookup _lookup;
    private readonly OutboxProjector _projector;
    private readonly OutboxMarkers _markers;
    private readonly TimeProvider _time;
    private readonly CommandProcessorOptions _options;
    private readonly ILogger _logger;

    public CommandProcessor(
        TaskHub hub,
        InstanceStore store,
        DefinitionStore definitions,
        SnowflakeKeyGenerator keys,
        KeyLookup lookup,
        OutboxProjector projector,
        OutboxMarkers markers,
        TimeProvider time,
        CommandProcessorOptions? options = null,
        ILogger<CommandProcessor>? logger = null)
    {
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _definitions = definitions ?? throw new ArgumentNullException(nameof(definitions));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
        _projector = projector ?? throw new ArgumentNullException(nameof(projector));
        _markers = markers ?? throw new ArgumentNullException(nameof(markers));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new CommandProcessorOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Random source of the retry jitter (replaceable in tests).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>How a retry waits (replaceable in tests, which drive a manual clock).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (delay, ct) => Task.Delay(delay, ct);

    /// <summary>Creates an instance of the deployed process and runs it until it waits.</summary>
    public Task<CommandResult> StartInstanceAsync(DeployedProcess process, JsonObject? variables, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        return StartInstanceAsync(process.Model, process.ProcessDefinitionKey, process.Version, variables, caller, cancellationToken);
    }

    /// <summary>Creates an instance of <paramref name="definition"/> and runs it until it waits.</summary>
    public async Task<CommandResult> StartInstanceAsync(
        ProcessDefinition definition, long processDefinitionKey, int version, JsonObject? variables, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(caller);
        var commandId = NewCommandId();
        PendingCommit? pending = null;
        for (var attempt = 1; ; attempt++)
        {
            if (pending is not null)
            {
                // The key was fresh, so an instance under it can only be ours (other commands may have run on it since).
                InstanceSnapshot? existing;
                try
                {
                    existing = await _store.ReadAsync(pending.ProcessInstanceKey, [], [], all: false, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageUnavailableException) when (attempt < _options.MaxAttempts)
                {
                    // Whether the lost commit landed is unknown: find out before answering, or the caller's repeat
                    // of a 503 would start a second instance.
                    await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (existing is not null)
                {
                    return await FinishAsync(pending, cancellationToken).ConfigureAwait(false);
                }

                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }

            await _keys.EnsureLeaseAsync(cancellationToken).ConfigureAwait(false);
            var context = Context(caller) with { ProcessDefinitionKey = processDefinitionKey, ProcessDefinitionVersion = version };
            var result = ProcessInterpreter.Execute(definition, null, new StartInstance(variables), context);
            if (!result.IsSuccess)
            {
                return CommandResult.Failure(result.Error!);
            }

            var outcome = await CommitAsync(null, result, commandId, null, cancellationToken).ConfigureAwait(false);
            if (outcome.Committed)
            {
                return await FinishAsync(outcome.Pending, cancellationToken).ConfigureAwait(false);
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new StorageUnavailableException("The instance could not be started: storage kept failing the commit.");
            }

            pending = outcome.Pending;
        }
    }

    /// <summary>Runs <paramref name="command"/> on the instance; NotFound when it does not exist.</summary>
    public Task<CommandResult> ExecuteAsync(long processInstanceKey, ProcessCommand command, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        var (tasks, jobs, all) = RowsFor(command);
        return RunAsync(processInstanceKey, command, caller, tasks, jobs, all, RuntimeErrors.ProcessInstanceNotFound(processInstanceKey), cancellationToken);
    }

    /// <summary>Runs a lifecycle command on a user task (its instance found through the key lookup).</summary>
    public async Task<CommandResult> ExecuteUserTaskAsync(long userTaskKey, UserTaskCommand command, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        if (await _lookup.FindProcessInstanceAsync(userTaskKey, cancellationToken).ConfigureAwait(false) is not { } instanceKey)
        {
            return CommandResult.Failure(RuntimeErrors.UserTaskNotFound(userTaskKey));
        }

        return await RunAsync(
            instanceKey, new UserTaskCommandEnvelope(userTaskKey, command), caller, [userTaskKey], [], false,
            RuntimeErrors.UserTaskNotFound(userTaskKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a job command (complete, fail, throw error, update retries) on the job's instance.</summary>
    public async Task<CommandResult> ExecuteJobAsync(long jobKey, ProcessCommand command, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!IsJobCommand(command))
        {
            throw new ArgumentException($"{command.GetType().Name} is not a job command.", nameof(command));
        }

        if (await _lookup.FindProcessInstanceAsync(jobKey, cancellationToken).ConfigureAwait(false) is not { } instanceKey)
        {
            return CommandResult.Failure(RuntimeErrors.JobNotFound(jobKey));
        }

        return await RunAsync(instanceKey, command, caller, [], [jobKey], false, RuntimeErrors.JobNotFound(jobKey), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandResult> RunAsync(
        long processInstanceKey,
        ProcessCommand command,
        Caller caller,
        IReadOnlyCollection<long> taskKeys,
        IReadOnlyCollection<long> jobKeys,
        bool all,
        DomainError notFound,
        CancellationToken cancellationToken)
    {
        var commandId = NewCommandId();
        // Task and job commands nearly always commit an outbox row, so their marker is written alongside the first
        // read instead of after it: one round trip less. Awaited before the commit is sent, so the rule holds that an
        // unprojected outbox row is always marked. Per-command markers make writing it early safe (no other command
        // clears it; see OutboxMarkers).
        var early = command is UserTaskCommandEnvelope || IsJobCommand(command)
            ? _markers.SetAsync(processInstanceKey, commandId, cancellationToken)
            : null;
        var commitTried = false;
        try
        {
            return await RunAttemptsAsync(
                processInstanceKey, command, caller, taskKeys, jobKeys, all, notFound, commandId, early, () => commitTried = true, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (early is not null && !commitTried)
            {
                // Nothing was committed (a domain error, a no-op, not found, a failed read), so the marker covers no
                // outbox row: clear it after answering. Left behind (a crash, a failed delete), the sweeper finds no
                // outbox row for it and deletes it, at the cost of one query.
                _ = ClearUnusedMarkerAsync(processInstanceKey, early);
            }
        }
    }

    private async Task<CommandResult> RunAttemptsAsync(
        long processInstanceKey,
        ProcessCommand command,
        Caller caller,
        IReadOnlyCollection<long> taskKeys,
        IReadOnlyCollection<long> jobKeys,
        bool all,
        DomainError notFound,
        string commandId,
        Task<OutboxMarker>? early,
        Action committing,
        CancellationToken cancellationToken)
    {
        PendingCommit? pending = null;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }

            InstanceSnapshot? snapshot;
            try
            {
                snapshot = await _store.ReadAsync(processInstanceKey, taskKeys, jobKeys, all, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException) when (pending is not null && attempt < _options.MaxAttempts)
            {
                // A commit whose answer was lost may have landed: keep reading until it is known.
                continue;
            }

            if (snapshot is null)
            {
                return CommandResult.Failure(notFound);
            }

            if (pending is not null && await WasAppliedAsync(snapshot, pending, cancellationToken).ConfigureAwait(false))
            {
                return await FinishAsync(pending, cancellationToken).ConfigureAwait(false);
            }

            var deployed = await _definitions.GetProcessAsync(snapshot.Instance.State.ProcessDefinitionKey, cancellationToken).ConfigureAwait(false);
            if (deployed is null)
            {
                return CommandResult.Failure(RuntimeErrors.ProcessDefinitionNotFound(snapshot.Instance.State.ProcessDefinitionKey));
            }

            var definition = deployed.Model;
            command = await WithFormFieldsAsync(snapshot, command, cancellationToken).ConfigureAwait(false);

            await _keys.EnsureLeaseAsync(cancellationToken).ConfigureAwait(false);
            var result = ProcessInterpreter.Execute(definition, snapshot.Instance, command, Context(caller));
            if (!snapshot.HasAllRows && TouchesUnreadRows(snapshot, result))
            {
                // The command reached tasks or jobs that were not read (e.g. a terminate end event): read them all
                // and run it again on the complete instance.
                snapshot = await _store.ReadAllAsync(processInstanceKey, cancellationToken).ConfigureAwait(false);
                if (snapshot is null)
                {
                    return CommandResult.Failure(notFound);
                }

                result = ProcessInterpreter.Execute(definition, snapshot.Instance, command, Context(caller));
            }

            if (!result.IsSuccess)
            {
                return CommandResult.Failure(result.Error!);
            }

            if (result.IsNoOp && result.ChangedUserTaskKeys.Count == 0 && result.ChangedJobKeys.Count == 0)
            {
                return CommandResult.Success(result);
            }

            // The first attempt uses the marker written alongside its read; a retry marks again (the same row,
            // refreshed): the sweeper leaves only young markers alone, so the marker must not age while this
            // command backs off and re-reads.
            committing();
            var outcome = await CommitAsync(snapshot, result, commandId, attempt == 1 ? early : null, cancellationToken).ConfigureAwait(false);
            if (outcome.Committed)
            {
                return await FinishAsync(outcome.Pending, cancellationToken).ConfigureAwait(false);
            }

            Logs.CommitRetried(_logger, processInstanceKey, attempt, outcome.Reason);
            if (attempt >= _options.MaxAttempts)
            {
                throw new StorageUnavailableException(
                    $"The command on process instance {processInstanceKey} lost {attempt} races or commits in a row; try again.");
            }

            pending = outcome.Pending;
        }
    }

    // Completion validates the required fields of the task's linked form, which only storage can resolve.
    private async Task<ProcessCommand> WithFormFieldsAsync(InstanceSnapshot snapshot, ProcessCommand command, CancellationToken cancellationToken)
    {
        if (command is not UserTaskCommandEnvelope { Command: UserTaskCommand.Complete { FormRequiredFields: null } complete } envelope
            || !snapshot.Instance.UserTasks.TryGetValue(envelope.UserTaskKey, out var task)
            || !task.IsOpen)
        {
            return command;
        }

        var form = await _definitions.ResolveFormAsync(task, cancellationToken).ConfigureAwait(false);
        return form is null ? command : envelope with { Command = complete with { FormRequiredFields = form.Parsed.RequiredFields } };
    }

    private static (IReadOnlyCollection<long> Tasks, IReadOnlyCollection<long> Jobs, bool All) RowsFor(ProcessCommand command) =>
        command switch
        {
            UserTaskCommandEnvelope envelope => ([envelope.UserTaskKey], [], false),
            CompleteJob c => ([], [c.JobKey], false),
            FailJob f => ([], [f.JobKey], false),
            ThrowJobError t => ([], [t.JobKey], false),
            UpdateJobRetries u => ([], [u.JobKey], false),
            // Timer ids of task dates start with the task key; for BPMN timers the read finds no such row.
            TimerFired fired when long.TryParse(fired.TimerId.AsSpan(0, Math.Max(0, fired.TimerId.IndexOf(':', StringComparison.Ordinal))), out var key) =>
                ([key], [], false),
            SetVariables or TimerFired => ([], [], false),
            // Canceling and resolving incidents may touch any task or job.
            _ => ([], [], true),
        };

    // True when the command changed an element instance that waits on a task or job whose row was not read: the
    // interpreter could not end that task or job, so the result is incomplete.
    private static bool TouchesUnreadRows(InstanceSnapshot snapshot, ExecutionResult result)
    {
        if (!result.IsSuccess)
        {
            return false;
        }

        var unread = snapshot.Instance.State.ElementInstances
            .Where(e => (e.UserTaskKey is { } t && !snapshot.Instance.UserTasks.ContainsKey(t))
                || (e.JobKey is { } j && !snapshot.Instance.Jobs.ContainsKey(j)))
            .ToList();
        if (unread.Count == 0)
        {
            return false;
        }

        var after = result.Instance!.State.ElementInstances.ToDictionary(e => e.Key);
        return unread.Any(e => !after.TryGetValue(e.Key, out var now) || !Equals(now, e));
    }

    private ExecutionContext Context(Caller caller) =>
        new()
        {
            Now = _time.GetUtcNow(),
            Caller = caller,
            Keys = _keys,
            NewToken = static () => Guid.NewGuid().ToString("N"),
        };

    private async Task<bool> WasAppliedAsync(InstanceSnapshot snapshot, PendingCommit pending, CancellationToken cancellationToken)
    {
        if (snapshot.LastCommandId == pending.CommandId)
        {
            return true;
        }

        if (pending.FirstEventSequence is not { } first || snapshot.Sequence < first)
        {
            return false;
        }

        // Another command committed after ours: our first history row tells whether ours made it.
        var row = await _hub.Instances.GetEntityIfExistsAsync(
            InstanceRows.PartitionKey(pending.ProcessInstanceKey), InstanceRows.HistoryRowKey(first), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString(InstanceRows.CommandIdColumn) == pending.CommandId;
    }

    private async Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var cap = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
        await Delay(TimeSpan.FromMilliseconds(Random.NextDouble() * cap), cancellationToken).ConfigureAwait(false);
    }

    // After the commit: project the outbox and clear the marker. A failure here does not undo the committed
    // command; the sweeper finishes the projection later.
    private async Task<CommandResult> FinishAsync(PendingCommit committed, CancellationToken cancellationToken)
    {
        if (committed.Outbox is { } outbox)
        {
            try
            {
                // Earlier commands' projections that did not finish go first: timer changes apply in commit order.
                // Their markers are theirs: they (or the sweeper) clear them.
                foreach (var earlier in committed.Earlier)
                {
                    await _projector.ProjectAsync(committed.ProcessInstanceKey, earlier, committed.Result.Instance!.UserTasks, cancellationToken).ConfigureAwait(false);
                }

                await _projector.ApplyAsync(committed.ProcessInstanceKey, outbox, committed.Result.Instance!.UserTasks, cancellationToken).ConfigureAwait(false);

                // Both deletes only say "projected", so they go together. Whatever a crash between them leaves is
                // harmless: an outbox row without its marker is already projected — the next command on the
                // instance reads it as unfinished and projects it again before its own, which changes nothing (the
                // index is version-guarded, timer and job changes are idempotent and still applied in commit
                // order) and deletes it — and a marker without its row is deleted by the sweeper, which finds
                // nothing to project. When the row's delete fails (rather than the process), the instance is marked
                // again, so the sweeper deletes the row even if no command comes.
                var deleteRow = _projector.DeleteAsync(committed.ProcessInstanceKey, outbox, cancellationToken);
                var clearMarker = committed.Marker is { } marker ? _markers.ClearAsync(marker, cancellationToken) : Task.CompletedTask;
                try
                {
                    await Task.WhenAll(deleteRow, clearMarker).ConfigureAwait(false);
                }
                catch when (deleteRow.IsFaulted && clearMarker.IsCompletedSuccessfully)
                {
                    await _markers.SetAsync(committed.ProcessInstanceKey, committed.CommandId, cancellationToken).ConfigureAwait(false);
                    throw;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.ProjectionDeferred(_logger, ex, committed.ProcessInstanceKey, outbox.Sequence);
            }
        }
        else if (committed.Marker is { } unused)
        {
            // Marked ahead, but the command changed nothing that needs projecting.
            _ = ClearUnusedMarkerAsync(committed.ProcessInstanceKey, Task.FromResult(unused));
        }

        return CommandResult.Success(committed.Result);
    }

    // Runs after the answer (not awaited by the command), so it must never throw.
    private async Task ClearUnusedMarkerAsync(long processInstanceKey, Task<OutboxMarker> marking)
    {
        try
        {
            var marker = await marking.ConfigureAwait(false);
            await _markers.ClearAsync(marker, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logs.UnusedMarkerLeft(_logger, ex, processInstanceKey);
        }
    }

    private static bool IsJobCommand(ProcessCommand command) => command is CompleteJob or FailJob or ThrowJobError or UpdateJobRetries;

    private static string NewCommandId() => Guid.NewGuid().ToString("N");

    private sealed record PendingCommit(
        long ProcessInstanceKey, string CommandId, ExecutionResult Result, OutboxEntry? Outbox, long? FirstEventSequence, OutboxMarker? Marker)
    {
        /// <summary>Outbox rows of earlier commands still unprojected when this command read the instance.</summary>
        public IReadOnlyList<OutboxEntry> Earlier { get; init; } = [];
    }

    private sealed record CommitOutcome(bool Committed, PendingCommit Pending, string Reason);
}
