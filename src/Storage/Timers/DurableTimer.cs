using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// A persisted timer of one process instance: at <paramref name="DueAt"/> the runtime runs
/// <c>TimerFired(TimerId, Token)</c> on the instance. The token makes a stale timer (one that was rescheduled or
/// canceled in the instance meanwhile) a no-op there, so firing a timer more than once is harmless.
/// </summary>
public sealed record DurableTimer(long ProcessInstanceKey, string TimerId, DateTimeOffset DueAt, string Token, ScheduledTimerKind Kind);
