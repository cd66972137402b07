using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// Fires due durable timers on a cron schedule, like an Azure Functions timer trigger: ticks never overlap, a long tick
/// delays the next, a failed tick is logged and the next one runs as scheduled. Each tick fires every timer due by
/// then, so after downtime the missed timers fire once on the first tick. Any number of hosts may run the service on
/// one hub: a host claims a timer with an ETag-guarded write before firing it and deletes it afterwards, so each
/// timer is handed to the sink by one host at a time; a timer whose firing failed fires again when its claim runs out.
/// </summary>
public sealed class TimerTriggerService : BackgroundService
{
    // A single timer hop of .NET is limited (about 49 days); longer waits are chained.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(24);

    private readonly TimerStore _store;
    private readonly ITimerSink _sink;
    private readonly TimerTriggerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TimerTriggerService> _logger;
    private readonly CronSchedule _schedule;
    private readonly string _hostId;

    /// <exception cref="InvalidTimerScheduleException">The schedule setting is not a valid NCRONTAB expression.</exception>
    public TimerTriggerService(
        TimerStore store, ITimerSink sink, TimerTriggerOptions options, TimeProvider time, ILogger<TimerTriggerService> logger, string? hostId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Validate(options);
        try
        {
            _schedule = CronSchedule.Parse(options.Schedule ?? "");
        }
        catch (FormatException e)
        {
            throw new InvalidTimerScheduleException(TimerTriggerOptions.ScheduleSettingName, options.Schedule ?? "", e.Message, e);
        }

        _store = store;
        _sink = sink;
        _options = options;
        _time = time;
        _logger = logger;
        _hostId = string.IsNullOrWhiteSpace(hostId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}")
            : hostId;
    }

    /// <summary>The id this host writes into the claims it takes.</summary>
    public string HostId => _hostId;

    /// <summary>
    /// One tick: claims and fires every timer due now that no host holds a live claim on, oldest first, at most
    /// <see cref="TimerTriggerOptions.MaxConcurrency"/> at a time.
    /// </summary>
    /// <returns>How many timers this call handed to the sink successfully.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var fired = 0;
        var skipped = 0;
        var batch = new List<DueTimerRow>(Math.Min(_options.BatchSize, 1000));
        await foreach (var row in _store.QueryDueRowsAsync(now, Math.Min(_options.BatchSize, 1000), ct).ConfigureAwait(false))
        {
            if (row.IsClaimedAt(now))
            {
                skipped++;
                continue;
            }

            batch.Add(row);
            if (batch.Count == _options.BatchSize)
            {
                fired += await FireAllAsync(batch, ct).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            fired += await FireAllAsync(batch, ct).ConfigureAwait(false);
        }

        Logs.TickCompleted(_logger, now, fired, skipped);
        return fired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Logs.TriggerStarted(_logger, _hostId, _schedule.Expression, _schedule.QuartzExpression);
        var next = _schedule.GetNextOccurrence(_time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            if (next is not { } due)
            {
                Logs.ScheduleExhausted(_logger, _schedule.Expression);
                return;
            }

            try
            {
                await WaitUntilAsync(due, stoppingToken).ConfigureAwait(false);
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed tick must not stop the trigger: it is logged and the next tick runs.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Logs.TickFailed(_logger, e);
            }

            // The next occurrence counts from the end of the tick (a long tick skips what it overran), and never from
            // before the tick's own occurrence, so a timer that woke a little early cannot run one occurrence twice.
            var now = _time.GetUtcNow();
            next = _schedule.GetNextOccurrence(now > due ? now : due);
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken ct)
    {
        for (var delay = due - _time.GetUtcNow(); delay > TimeSpan.Zero; delay = due - _time.GetUtcNow())
        {
            await Task.Delay(delay < MaxDelay ? delay : MaxDelay, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<int> FireAllAsync(List<DueTimerRow> rows, CancellationToken ct)
    {
        var fired = 0;
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = ct },
            async (row, token) =>
            {
                if (await FireAsync(row, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref fired);
                }
            }).ConfigureAwait(false);
        return fired;
    }

#pragma warning disable CA1031 // One timer's failure is logged and retried later; it must not stop the others.
    private async Task<bool> FireAsync(DueTimerRow row, CancellationToken ct)
    {
        var timer = row.Timer;
        var claimedUntil = _time.GetUtcNow() + _options.ClaimDuration;
        Azure.ETag? claimed;
        try
        {
            claimed = await _store.TryClaimAsync(row, _hostId, claimedUntil, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Logs.ClaimFailed(_logger, e, timer.TimerId, timer.ProcessInstanceKey);
            return false;
        }

        if (claimed is not { } etag)
        {
            // Another host claimed, fired or rescheduled it since it was read.
            return false;
        }

        try
        {
            await _sink.FireAsync(timer, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The claim stays: the timer is due again when it runs out.
            Logs.FireFailed(_logger, e, timer.TimerId, timer.ProcessInstanceKey, claimedUntil);
            return false;
        }

        Logs.TimerFired(_logger, timer.TimerId, timer.ProcessInstanceKey, timer.DueAt);
        try
        {
            await _store.TryDeleteClaimedAsync(row, etag, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Logs.DeleteFailed(_logger, e, timer.TimerId, timer.ProcessInstanceKey);
        }

        return true;
    }
#pragma warning restore CA1031

    private static void Validate(TimerTriggerOptions options)
    {
        if (options.MaxConcurrency < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{TimerTriggerOptions.SectionName}:maxConcurrency must be at least 1, got {options.MaxConcurrency}."), nameof(options));
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{TimerTriggerOptions.SectionName}:batchSize must be at least 1, got {options.BatchSize}."), nameof(options));
        }

        if (options.ClaimDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{TimerTriggerOptions.SectionName}:claimDuration must be positive, got {options.ClaimDuration}."), nameof(options));
        }
    }
}
