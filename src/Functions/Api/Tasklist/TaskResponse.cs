using System.Diagnostics.CodeAnalysis;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// A task as Tasklist v1 shows it (<c>TaskResponse</c>). Keys are decimal strings; dates are RFC 3339 in UTC with
/// milliseconds; <c>taskState</c> is <c>CREATED</c>, <c>COMPLETED</c>, <c>CANCELED</c> or <c>FAILED</c>.
/// </summary>
public record TaskResponse
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The BPMN id of the user task element.</summary>
    public required string TaskDefinitionId { get; init; }

    public string? ProcessName { get; init; }

    public required string CreationDate { get; init; }

    public string? CompletionDate { get; init; }

    public string? Assignee { get; init; }

    public required string TaskState { get; init; }

    /// <summary>The embedded form's key (<c>camunda-forms:bpmn:…</c>), a custom form key, or a linked form's key.</summary>
    public string? FormKey { get; init; }

    /// <summary>The id of a linked form (fetch it with <c>GET /v1/forms/{formId}</c>).</summary>
    public string? FormId { get; init; }

    /// <summary>The version of the linked form the task shows.</summary>
    public long? FormVersion { get; init; }

    public bool? IsFormEmbedded { get; init; }

    public required string ProcessDefinitionKey { get; init; }

    public required string ProcessInstanceKey { get; init; }

    public required string TenantId { get; init; }

    public string? DueDate { get; init; }

    public string? FollowUpDate { get; init; }

    public required IReadOnlyList<string> CandidateGroups { get; init; }

    public required IReadOnlyList<string> CandidateUsers { get; init; }

    /// <summary><c>ZEEBE_USER_TASK</c> or <c>JOB_WORKER</c>.</summary>
    public required string Implementation { get; init; }

    public int Priority { get; init; }

    /// <summary>Tasklist's free-text context; not kept by this engine, always null.</summary>
    public string? Context { get; init; }
}

/// <summary>
/// A task in a search result: the task plus <c>sortValues</c> (copy them into <c>searchAfter</c> or
/// <c>searchBefore</c> to page), <c>isFirst</c> (the first task of the list) and <c>variables</c> (always empty: use
/// <c>POST /v1/tasks/{taskId}/variables/search</c>).
/// </summary>
public sealed record TaskSearchResponse : TaskResponse
{
    /// <summary>The task's fields, to which the search adds its own.</summary>
    [SetsRequiredMembers]
    public TaskSearchResponse(TaskResponse task)
        : base(task)
    {
    }

    public IReadOnlyList<string> SortValues { get; init; } = [];

    public bool IsFirst { get; init; }

    public IReadOnlyList<VariableSearchResponse> Variables { get; init; } = [];
}
