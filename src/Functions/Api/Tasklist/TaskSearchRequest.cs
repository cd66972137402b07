using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// The body of <c>POST /v1/tasks/search</c> (Tasklist's <c>TaskSearchRequest</c>); every field is optional. Fields the
/// task index cannot serve are accepted in the shape Tasklist documents and rejected with a 400 naming them, so a
/// client never gets a silently wider list.
/// </summary>
public sealed record TaskSearchRequest
{
    /// <summary><c>CREATED</c>, <c>COMPLETED</c>, <c>CANCELED</c> or <c>FAILED</c>, in any casing.</summary>
    public string? State { get; init; }

    /// <summary>True: tasks someone holds; false: unassigned tasks.</summary>
    public bool? Assigned { get; init; }

    public string? Assignee { get; init; }

    /// <summary>Accepted with at most one user (the same as <see cref="Assignee"/>).</summary>
    public IReadOnlyList<string>? Assignees { get; init; }

    /// <summary>The BPMN id of the user task element.</summary>
    public string? TaskDefinitionId { get; init; }

    public string? CandidateGroup { get; init; }

    /// <summary>Accepted with at most one group (the same as <see cref="CandidateGroup"/>).</summary>
    public IReadOnlyList<string>? CandidateGroups { get; init; }

    public string? CandidateUser { get; init; }

    /// <summary>Accepted with at most one user (the same as <see cref="CandidateUser"/>).</summary>
    public IReadOnlyList<string>? CandidateUsers { get; init; }

    /// <summary>A key, as a string (or a JSON number).</summary>
    public JsonElement? ProcessDefinitionKey { get; init; }

    /// <summary>A key, as a string (or a JSON number).</summary>
    public JsonElement? ProcessInstanceKey { get; init; }

    /// <summary>How many tasks to return; default 50, at most the host's page size limit.</summary>
    public int? PageSize { get; init; }

    /// <summary>Not supported by the task index: a range here is a 400.</summary>
    public DateRange? FollowUpDate { get; init; }

    /// <summary>Tasks due within the range (both ends inclusive).</summary>
    public DateRange? DueDate { get; init; }

    /// <summary>Not supported (a filter on variables needs the instances, not the index): non-empty is a 400.</summary>
    public JsonElement? TaskVariables { get; init; }

    /// <summary>At most one tenant; default <c>&lt;default&gt;</c>.</summary>
    public IReadOnlyList<string>? TenantIds { get; init; }

    /// <summary>At most one sort entry; default <c>creationTime</c> descending (newest first), as Tasklist.</summary>
    public IReadOnlyList<TaskSortEntry>? Sort { get; init; }

    /// <summary>The <c>sortValues</c> of the task to continue after.</summary>
    public IReadOnlyList<string>? SearchAfter { get; init; }

    /// <summary>Not supported: a 400.</summary>
    public IReadOnlyList<string>? SearchAfterOrEqual { get; init; }

    /// <summary>The <c>sortValues</c> of the task to go back before.</summary>
    public IReadOnlyList<string>? SearchBefore { get; init; }

    /// <summary>Not supported: a 400.</summary>
    public IReadOnlyList<string>? SearchBeforeOrEqual { get; init; }

    /// <summary>Not supported (use <c>POST /v1/tasks/{taskId}/variables/search</c>): non-empty is a 400.</summary>
    public JsonElement? IncludeVariables { get; init; }

    /// <summary>Not supported by the task index: a 400.</summary>
    public string? Implementation { get; init; }

    /// <summary>Only <c>gte</c> and <c>gt</c> are supported.</summary>
    public PriorityFilter? Priority { get; init; }

    /// <summary>Fields Tasklist does not define; any is a 400 naming it.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>A date range; both ends are optional and inclusive (ISO 8601 with offset).</summary>
public sealed record DateRange
{
    public string? From { get; init; }

    public string? To { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>One sort entry: <c>creationTime</c>, <c>dueDate</c>, <c>followUpDate</c> or <c>priority</c>; <c>ASC</c> or <c>DESC</c>.</summary>
public sealed record TaskSortEntry
{
    public string? Field { get; init; }

    /// <summary>Default <c>ASC</c>.</summary>
    public string? Order { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Tasklist's priority filter; the task index serves lower bounds only.</summary>
public sealed record PriorityFilter
{
    public int? Eq { get; init; }

    public int? Gt { get; init; }

    public int? Gte { get; init; }

    public int? Lt { get; init; }

    public int? Lte { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
