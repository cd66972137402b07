namespace TaskFunctions.Storage.Tests.Timers;

/// <summary>
/// A manual clock whose timers (and so <c>Task.Delay(delay, clock)</c>) fire only when a test advances it, so a
/// scheduled background loop can be driven second by second without waiting.
/// </summary>
internal sealed class TimerClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ClockTimer> _timers = [];
    private DateTimeOffset _now = start;

    public TimerClock()
        : this(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>How many timers are waiting; a loop that is asleep has one.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ClockTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ClockTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
                if (timer.Period is { } period)
                {
                    timer.DueAt = _now + period;
                    _timers.Add(timer);
                }
            }
        }

        // Callbacks run outside the lock, as a real timer's would on a pool thread.
        foreach (var timer in due)
        {
            timer.Invoke();
        }
    }

    /// <summary>Waits (in real time, bounded) until the code under test has started waiting on this clock.</summary>
    public async Task WaitForTimerAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (PendingTimers == 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("Nothing started waiting on the clock.");
            }

            await Task.Delay(5);
        }
    }

    private sealed class ClockTimer(TimerClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                DueAt = clock._now + dueTime;
                fireNow = dueTime <= TimeSpan.Zero;
                if (!fireNow || Period is not null)
                {
                    if (fireNow)
                    {
                        DueAt = clock._now + Period!.Value;
                    }

                    clock._timers.Add(this);
                }
            }

            if (fireNow)
            {
                ThreadPool.QueueUserWorkItem(_ => Invoke());
            }

            return true;
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
