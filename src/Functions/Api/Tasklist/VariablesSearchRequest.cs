using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// The optional body of <c>POST /v1/tasks/{taskId}/variables/search</c>: either the names to return
/// (<c>variableNames</c>) or <c>includeVariables</c>; neither means every variable.
/// </summary>
public sealed record VariablesSearchRequest
{
    public IReadOnlyList<string>? VariableNames { get; init; }

    public IReadOnlyList<IncludeVariable>? IncludeVariables { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>A variable to return; values are always returned in full, so <c>alwaysReturnFullValue</c> changes nothing.</summary>
public sealed record IncludeVariable
{
    public string? Name { get; init; }

    public bool? AlwaysReturnFullValue { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>
/// A variable visible to a task: <c>id</c> is <c>{scopeKey}-{name}</c>, <c>value</c> the full value serialized as
/// JSON, <c>previewValue</c> its first characters (<c>isValueTruncated</c> tells whether that is all of it).
/// </summary>
public sealed record VariableSearchResponse(string Id, string Name, string Value, string PreviewValue, bool IsValueTruncated);
