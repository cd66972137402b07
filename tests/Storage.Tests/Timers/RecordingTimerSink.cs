using System.Collections.Concurrent;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Tests.Timers;

/// <summary>
/// Records every timer handed to it, in order; can be told to fail or to block, and lets a test wait for a count.
/// </summary>
internal sealed class RecordingTimerSink : ITimerSink
{
    private readonly object _gate = new();
    private readonly List<DurableTimer> _fired = [];
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private TaskCompletionSource? _gateOpen;
    private int _calls;

    public IReadOnlyList<DurableTimer> Fired
    {
        get
        {
            lock (_gate)
            {
                return [.. _fired];
            }
        }
    }

    /// <summary>Every call, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Runs inside every call before it is recorded, e.g. to change the timer's row meanwhile.</summary>
    public Func<DurableTimer, Task>? OnFire { get; set; }

    /// <summary>The next <paramref name="times"/> calls for <paramref name="timerId"/> throw.</summary>
    public void FailNext(string timerId, int times = 1) => _failuresLeft[timerId] = times;

    /// <summary>Calls block until <see cref="Release"/>.</summary>
    public void Block() => _gateOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gateOpen?.TrySetResult();

    public async Task FireAsync(DurableTimer timer, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        if (_failuresLeft.TryGetValue(timer.TimerId, out var left) && left > 0)
        {
            _failuresLeft[timer.TimerId] = left - 1;
            throw new InvalidOperationException($"The sink refuses {timer.TimerId} for this test.");
        }

        if (OnFire is { } onFire)
        {
            await onFire(timer);
        }

        if (_gateOpen is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        lock (_gate)
        {
            _fired.Add(timer);
        }
    }

    /// <summary>Waits (in real time, bounded) until at least <paramref name="count"/> timers were recorded.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Fired.Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The sink recorded {Fired.Count} timers, expected {count}.");
            }

            await Task.Delay(5);
        }
    }
}
