using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>The optional body of <c>PATCH /v1/tasks/{taskId}/complete</c>.</summary>
public sealed record TaskCompleteRequest
{
    public IReadOnlyList<VariableInput>? Variables { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>
/// One variable: its name and its value serialized as JSON in a string (<c>"\"text\""</c>, <c>"123"</c>,
/// <c>"true"</c>, <c>"{\"a\":1}"</c>). A bare JSON number, boolean, object or array is taken as the value itself.
/// </summary>
public sealed record VariableInput
{
    public string? Name { get; init; }

    public JsonElement? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
