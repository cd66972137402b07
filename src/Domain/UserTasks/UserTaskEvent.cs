using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// An entry of the audit trail: who (<see cref="Actor"/>) did what (<see cref="Kind"/> and the details that apply to
/// it) to which task, when, and the task version it produced.
/// </summary>
public sealed record UserTaskEvent
{
    public required long UserTaskKey { get; init; }

    public required UserTaskEventKind Kind { get; init; }

    /// <summary>The user id, <c>anonymous</c> or <c>system</c>.</summary>
    public required string Actor { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The task's <see cref="UserTask.Version"/> after this event.</summary>
    public required long Version { get; init; }

    /// <summary>The API action, Camunda style: <c>assign</c>, <c>claim</c>, <c>unassign</c>, <c>unclaim</c>, <c>update</c>, <c>complete</c>, …</summary>
    public string? Action { get; init; }

    /// <summary>The assignee after the event (Created, Assigned).</summary>
    public string? Assignee { get; init; }

    /// <summary>The assignee before the event (Assigned, Unassigned).</summary>
    public string? PreviousAssignee { get; init; }

    /// <summary>The attributes an update changed, or the attributes a task was created with.</summary>
    public IReadOnlyList<UserTaskAttributeChange> Changes { get; init; } = [];

    /// <summary>The variables a completion provided.</summary>
    public JsonObject? Variables { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Why the task was canceled.</summary>
    public string? Reason { get; init; }

    /// <summary>The due date that passed (Escalated) or the follow-up date that passed (FollowUpDue).</summary>
    public DateTimeOffset? Date { get; init; }
}
