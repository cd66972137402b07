using System.Text.Json.Serialization;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// A timer the runtime must fire. The token changes on every reschedule, so a firing that carries an older token is
/// recognised as stale and ignored.
/// </summary>
public sealed record PendingTimer
{
    /// <summary>Stable per timer: <c>{elementInstanceKey}:{eventId}</c> for BPMN timers, <c>{userTaskKey}:due</c> or <c>:followUp</c>.</summary>
    public required string TimerId { get; init; }

    public required string Token { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public ScheduledTimerKind Kind { get; init; }

    /// <summary>The catch event's instance, or the activity instance a boundary event is attached to, or the user task's element instance.</summary>
    public required long ElementInstanceKey { get; init; }

    /// <summary>The timer event's id (intermediate catch or boundary event), or the user task's element id.</summary>
    public required string ElementId { get; init; }

    public long? UserTaskKey { get; init; }

    /// <summary>For cycles: how many firings are left including this one; null without end.</summary>
    public int? RemainingRepetitions { get; init; }

    /// <summary>For cycles: the time between two firings.</summary>
    public IsoDuration? Interval { get; init; }

    [JsonIgnore]
    public bool IsCycle => Interval is not null;
}
