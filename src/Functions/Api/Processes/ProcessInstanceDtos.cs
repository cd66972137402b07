using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>
/// Camunda's <c>ProcessInstanceCreationInstruction</c>: by <c>processDefinitionId</c> (with an optional version,
/// -1 or absent for the latest) or by <c>processDefinitionKey</c>. Numbers are accepted as JSON numbers or strings,
/// as the Camunda clients send 64-bit values as strings.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record CreateProcessInstanceRequest
{
    public string? ProcessDefinitionId { get; init; }

    public int? ProcessDefinitionVersion { get; init; }

    public string? ProcessDefinitionKey { get; init; }

    public JsonObject? Variables { get; init; }

    public string? TenantId { get; init; }

    /// <summary>Accepted for compatibility and not used: commands are not batched here.</summary>
    public JsonElement? OperationReference { get; init; }

    /// <summary>Not supported: a non-empty list is a 400.</summary>
    public JsonArray? StartInstructions { get; init; }

    /// <summary>Not supported: a non-empty list is a 400.</summary>
    public JsonArray? RuntimeInstructions { get; init; }

    /// <summary>Not supported: true is a 400.</summary>
    public bool? AwaitCompletion { get; init; }

    /// <summary>Only meaningful with <see cref="AwaitCompletion"/>; accepted and not used.</summary>
    public IReadOnlyList<string>? FetchVariables { get; init; }

    /// <summary>Only meaningful with <see cref="AwaitCompletion"/>; accepted and not used.</summary>
    public long? RequestTimeout { get; init; }

    /// <summary>Not supported: a non-empty list is a 400.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>CreateProcessInstanceResult</c>.</summary>
public sealed record CreateProcessInstanceResponse(
    string ProcessDefinitionId,
    int ProcessDefinitionVersion,
    string TenantId,
    JsonObject Variables,
    string ProcessDefinitionKey,
    string ProcessInstanceKey);

/// <summary>Camunda's <c>ProcessInstanceResult</c>.</summary>
public sealed record ProcessInstanceResponse(
    string ProcessDefinitionId,
    string ProcessDefinitionName,
    int ProcessDefinitionVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProcessDefinitionVersionTag,
    string StartDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndDate,
    string State,
    bool HasIncident,
    string TenantId,
    string ProcessInstanceKey,
    string ProcessDefinitionKey);

/// <summary>Camunda's <c>VariableSearchResult</c>: a variable of one scope, its value as JSON text.</summary>
public sealed record VariableResponse(
    string Name,
    string Value,
    bool IsTruncated,
    string TenantId,
    string VariableKey,
    string ScopeKey,
    string ProcessInstanceKey);

/// <summary>Camunda's <c>IncidentResult</c>: an open incident of an instance.</summary>
public sealed record IncidentResponse(
    string ProcessDefinitionId,
    string ErrorType,
    string ErrorMessage,
    string ElementId,
    string CreationTime,
    string State,
    string TenantId,
    string IncidentKey,
    string ProcessDefinitionKey,
    string ProcessInstanceKey,
    string ElementInstanceKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobKey);

/// <summary>The optional body of a cancellation (Camunda's <c>OperationRequest</c>).</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record OperationRequest
{
    /// <summary>Accepted for compatibility and not used.</summary>
    public JsonElement? OperationReference { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
