using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>The optional body of <c>PATCH /v1/tasks/{taskId}/assign</c>.</summary>
public sealed record TaskAssignRequest
{
    /// <summary>Who gets the task; absent means the caller (an anonymous caller must name someone).</summary>
    public string? Assignee { get; init; }

    /// <summary>Whether a task assigned to someone else may be taken over; default true.</summary>
    public bool? AllowOverrideAssignment { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
