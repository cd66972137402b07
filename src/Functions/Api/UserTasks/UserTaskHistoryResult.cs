using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// The audit trail of one user task: every history event of its instance that concerns it, oldest first, and the
/// variables its definition requires at completion (<c>fleans:expectedOutputs</c>; a linked form's required fields
/// are required too but not listed), which Camunda's task shape has no room for.
/// </summary>
public sealed record UserTaskHistoryResult(string UserTaskKey, string ProcessInstanceKey, IReadOnlyList<UserTaskHistoryEntry> Items)
{
    public IReadOnlyList<string> ExpectedOutputs { get; init; } = [];
}

/// <summary>
/// One entry of a task's audit trail: when, who (<see cref="Actor"/>: a user id, <c>anonymous</c> or <c>system</c>)
/// and what — <see cref="Type"/> is the history event type (<c>USER_TASK_EVENT</c>, <c>TIMER_SCHEDULED</c>, …) and
/// for user-task events <see cref="Event"/> is what happened to the task (<c>CREATED</c>, <c>ASSIGNED</c>,
/// <c>UPDATED</c>, <c>COMPLETED</c>, …). <see cref="Details"/> carries the rest (assignees, changes, variables, reasons).
/// </summary>
public sealed record UserTaskHistoryEntry
{
    public required long Sequence { get; init; }

    public required string Timestamp { get; init; }

    public required string Actor { get; init; }

    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Event { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ElementId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Details { get; init; }
}
