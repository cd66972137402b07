using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// The durable timers of a hub, one row each in <see cref="TaskHub.Timers"/>:
/// <list type="bullet">
/// <item><c>PartitionKey = yyyyMMddHHmm</c>, the UTC minute the timer is due in, so old partitions empty out as their
/// timers fire and "due by now" never reads the future;</item>
/// <item><c>RowKey = {dueTicks:D19}-{processInstanceKey}-{escaped timerId}</c> (timer id escaped with <c>%XX</c> for
/// '%', <c>/ \ # ?</c> and control characters), so rows sort by due time and "due by now" is a key range;</item>
/// <item>columns <c>ProcessInstanceKey</c> (Int64), <c>TimerId</c>, <c>DueAt</c> (DateTime), <c>Token</c>,
/// <c>Kind</c> (the <see cref="ScheduledTimerKind"/> name), and while a host fires the timer <c>ClaimedBy</c> (host id)
/// and <c>ClaimedUntil</c> (DateTime).</item>
/// </list>
/// Moving a timer to another due time is a cancel at the old time and a schedule at the new one (the runtime knows
/// both); scheduling an identical row again changes nothing.
/// </summary>
public sealed class TimerStore
{
    internal const string ProcessInstanceKeyColumn = "ProcessInstanceKey";
    internal const string TimerIdColumn = "TimerId";
    internal const string DueAtColumn = "DueAt";
    internal const string TokenColumn = "Token";
    internal const string KindColumn = "Kind";
    internal const string ClaimedByColumn = "ClaimedBy";
    internal const string ClaimedUntilColumn = "ClaimedUntil";

    private const int MaxPageSize = 1000;

    private readonly TableClient _table;

    public TimerStore(TaskHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _table = hub.Timers;
    }

    /// <summary>
    /// Stores the timer. Scheduling the same timer again (same instance, id and due time) is a no-op when nothing
    /// changed and refreshes token and kind otherwise; a timer at another due time is another row, so cancel the old
    /// one first.
    /// </summary>
    public async Task ScheduleAsync(DurableTimer timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        Validate(timer);
        var entity = ToEntity(timer);
        while (true)
        {
            try
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                return;
            }
            catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.AlreadyExists)
            {
                // The row exists, perhaps from our own retried insert: compare before writing anything.
            }

            var existing = (await _table.GetEntityIfExistsAsync(entity.PartitionKey!, entity.RowKey!, cancellationToken: ct).ConfigureAwait(false)).Value;
            if (existing is null)
            {
                continue;
            }

            if (FromEntity(existing) == timer with { DueAt = TimerKeys.DueAtOf(entity.RowKey!) })
            {
                return;
            }

            try
            {
                // Merge keeps a claim in place: the claiming host's delete then fails on the new ETag and the row,
                // with its new token, fires again when the claim runs out.
                await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
                return;
            }
            catch (TableRequestFailedException e) when (e.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
            {
                // Someone else changed the row in between: decide again on what is there now.
            }
        }
    }

    /// <summary>Deletes the timer of <paramref name="processInstanceKey"/> due at <paramref name="dueAt"/>; a missing one is fine.</summary>
    public async Task CancelAsync(long processInstanceKey, string timerId, DateTimeOffset dueAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timerId);
        await _table.DeleteEntityAsync(
            TimerKeys.Bucket(dueAt), TimerKeys.RowKey(processInstanceKey, timerId, dueAt), ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to <paramref name="max"/> timers due at or before <paramref name="now"/>, oldest first, claimed or not.
    /// Reads only the partitions up to <paramref name="now"/>'s minute.
    /// </summary>
    public async IAsyncEnumerable<DurableTimer> QueryDueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var count = 0;
        await foreach (var row in QueryDueRowsAsync(now, Math.Min(max, MaxPageSize), ct).ConfigureAwait(false))
        {
            yield return row.Timer;
            if (++count == max)
            {
                yield break;
            }
        }
    }

    /// <summary>How many timers are stored, due or not. Reads the whole table: for tests and diagnostics.</summary>
    public async Task<int> CountAsync(CancellationToken ct)
    {
        var count = 0;
        await foreach (var _ in _table.QueryAsync(TableFilter.All, MaxPageSize, [TableEntity.RowKeyName], ct).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>Due rows with their claim and ETag, oldest first, following continuations to the end.</summary>
    internal async IAsyncEnumerable<DueTimerRow> QueryDueRowsAsync(DateTimeOffset now, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        // Row keys start with the due ticks in every partition, so one row-key bound selects the due rows of the
        // current minute and keeps every row of the older minutes.
        var filter = TableFilter.PartitionKey.Le(TimerKeys.Bucket(now))
            .And(TableFilter.RowKey.Lt(TimerKeys.DueRowKeyBound(now)));
        await foreach (var entity in _table.QueryAsync(filter, pageSize, cancellationToken: ct).ConfigureAwait(false))
        {
            yield return new DueTimerRow(
                FromEntity(entity),
                entity.PartitionKey!,
                entity.RowKey!,
                entity.ETag,
                entity.GetString(ClaimedByColumn),
                entity.GetDateTimeOffset(ClaimedUntilColumn));
        }
    }

    /// <summary>
    /// Claims the row for <paramref name="hostId"/> until <paramref name="until"/> if it is still the version that was
    /// read; answers the claimed version, or null when another host got there first or the row is gone.
    /// </summary>
    internal async Task<ETag?> TryClaimAsync(DueTimerRow row, string hostId, DateTimeOffset until, CancellationToken ct)
    {
        var claim = new TableEntity(row.PartitionKey, row.RowKey)
        {
            [ClaimedByColumn] = hostId,
            [ClaimedUntilColumn] = until,
        };
        try
        {
            return (await _table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false)).Value;
        }
        catch (TableRequestFailedException e) when (e.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes a fired row if it is still the claimed version. A row that changed (rescheduled with a new token, or
    /// reclaimed after the claim ran out) or is gone stays as it is.
    /// </summary>
    internal async Task<bool> TryDeleteClaimedAsync(DueTimerRow row, ETag claimed, CancellationToken ct)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, claimed, ct).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.PreconditionFailed)
        {
            return false;
        }
    }

    private static void Validate(DurableTimer timer)
    {
        if (timer.ProcessInstanceKey <= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A process instance key is a positive integer, got {timer.ProcessInstanceKey}."), nameof(timer));
        }

        if (string.IsNullOrEmpty(timer.TimerId))
        {
            throw new ArgumentException("A timer needs a timer id.", nameof(timer));
        }

        ArgumentNullException.ThrowIfNull(timer.Token);
        if (!Enum.IsDefined(timer.Kind))
        {
            throw new ArgumentException($"Unknown timer kind {timer.Kind}.", nameof(timer));
        }
    }

    private static TableEntity ToEntity(DurableTimer timer) =>
        new(TimerKeys.Bucket(timer.DueAt), TimerKeys.RowKey(timer.ProcessInstanceKey, timer.TimerId, timer.DueAt))
        {
            [ProcessInstanceKeyColumn] = timer.ProcessInstanceKey,
            [TimerIdColumn] = timer.TimerId,
            [DueAtColumn] = timer.DueAt.ToUniversalTime(),
            [TokenColumn] = timer.Token,
            [KindColumn] = timer.Kind.ToString(),
        };

    private static DurableTimer FromEntity(TableEntity entity) =>
        new(
            entity.GetInt64(ProcessInstanceKeyColumn) ?? throw Corrupt(entity, ProcessInstanceKeyColumn),
            entity.GetString(TimerIdColumn) ?? throw Corrupt(entity, TimerIdColumn),
            TimerKeys.DueAtOf(entity.RowKey!),
            entity.GetString(TokenColumn) ?? throw Corrupt(entity, TokenColumn),
            Enum.TryParse<ScheduledTimerKind>(entity.GetString(KindColumn), out var kind) ? kind : throw Corrupt(entity, KindColumn));

    private static InvalidOperationException Corrupt(TableEntity entity, string column) =>
        new($"Timer row '{entity.PartitionKey}'/'{entity.RowKey}' has no valid {column}.");
}
