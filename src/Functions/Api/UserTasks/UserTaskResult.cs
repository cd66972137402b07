using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// A user task as Camunda 8.8's REST API v2 returns it (<c>UserTaskResult</c>), field for field: the official client's
/// strictest validation rejects both missing required fields and fields it does not know, so our own extras (overdue
/// and follow-up flags, failure details) are not part of this shape. Absent values are omitted rather than written as
/// null, as the 8.8 schema declares them optional but not nullable. Keys are decimal strings, dates UTC ISO 8601.
/// </summary>
public sealed record UserTaskResult
{
    public required string UserTaskKey { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary><c>CREATED</c>, <c>COMPLETED</c>, <c>CANCELED</c> or <c>FAILED</c>.</summary>
    public required string State { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Assignee { get; init; }

    public required string ElementId { get; init; }

    public required IReadOnlyList<string> CandidateGroups { get; init; }

    public required IReadOnlyList<string> CandidateUsers { get; init; }

    /// <summary>The BPMN process id.</summary>
    public required string ProcessDefinitionId { get; init; }

    public required string CreationDate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CompletionDate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FollowUpDate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DueDate { get; init; }

    public required string TenantId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExternalFormReference { get; init; }

    public required int ProcessDefinitionVersion { get; init; }

    public required IReadOnlyDictionary<string, string> CustomHeaders { get; init; }

    /// <summary>0–100, higher is more important.</summary>
    public required int Priority { get; init; }

    public required string ElementInstanceKey { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProcessName { get; init; }

    public required string ProcessDefinitionKey { get; init; }

    public required string ProcessInstanceKey { get; init; }

    /// <summary>The key of the form the task shows (linked or embedded); absent without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormKey { get; init; }
}
