namespace TaskFunctions.Storage.Timers;

/// <summary>
/// Where due timers go: the runtime implements it by running the idempotent <c>TimerFired(timerId, token)</c>
/// command on the timer's process instance. It may be called more than once for one timer (after a crash or a
/// failed attempt), so it must be idempotent; a throw means "not delivered, try again later".
/// </summary>
public interface ITimerSink
{
    Task FireAsync(DurableTimer timer, CancellationToken ct);
}
