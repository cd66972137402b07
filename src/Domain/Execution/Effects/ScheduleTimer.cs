namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Persist a timer: fire <see cref="TimerFired"/> with this id and token at <paramref name="DueAt"/>. Replaces any
/// earlier timer with the same id (the old token becomes stale).
/// </summary>
public sealed record ScheduleTimer(
    string TimerId,
    DateTimeOffset DueAt,
    string Token,
    ScheduledTimerKind Kind,
    long ElementInstanceKey,
    long? UserTaskKey) : ExecutionEffect;
