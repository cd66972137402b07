using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Delivers due timers to their instances as <see cref="TimerFired"/> commands from the engine. Idempotent: a
/// stale or repeated firing (old token, ended element or instance) changes nothing, and an instance that no longer
/// exists makes the timer obsolete rather than an error.
/// </summary>
public sealed class ProcessTimerSink(CommandProcessor processor) : ITimerSink
{
    public async Task FireAsync(DurableTimer timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        // A domain error (e.g. the instance is gone) means the timer has nothing left to do; only storage
        // failures propagate, so the trigger keeps the timer and tries again.
        await processor.ExecuteAsync(timer.ProcessInstanceKey, new TimerFired(timer.TimerId, timer.Token), Caller.System, ct).ConfigureAwait(false);
    }
}
