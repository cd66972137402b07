using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>Tasklist's variable shapes: values travel as JSON serialized into strings.</summary>
internal static class TasklistVariables
{
    /// <summary>How many characters of a value <c>previewValue</c> shows (Tasklist's default threshold).</summary>
    public const int PreviewLength = 8191;

    private static readonly JsonSerializerOptions ValueOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The completion variables as one object, or the message of a 400 naming the variable at fault. A string value is
    /// parsed as JSON; one that is not JSON but is wrapped in double quotes is taken as the text between them (clients
    /// such as @camunda8/sdk quote strings without escaping them). A bare number, boolean, object or array is taken as is.
    /// </summary>
    public static (JsonObject? Variables, string? Error) Assemble(IReadOnlyList<VariableInput?>? inputs)
    {
        var variables = new JsonObject();
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var input = inputs![i];
            if (input?.Unknown is { Count: > 0 } unknown)
            {
                return (null, $"Unknown field(s) in variables[{i}]: {string.Join(", ", unknown.Keys)}; a variable has a name and a value.");
            }

            if (string.IsNullOrWhiteSpace(input?.Name))
            {
                return (null, $"variables[{i}] has no name; every variable needs a non-empty name.");
            }

            if (variables.ContainsKey(input.Name))
            {
                return (null, $"Variable '{input.Name}' is given more than once; give each variable once.");
            }

            if (!TryParseValue(input.Value, out var value))
            {
                return (null,
                    $"The value of variable '{input.Name}' is not valid JSON: {Describe(input.Value)}. Values are JSON serialized into a string, " +
                    "e.g. \"\\\"text\\\"\" for a string, \"123\" for a number, \"true\" for a boolean, \"{\\\"a\\\":1}\" for an object.");
            }

            variables[input.Name] = value;
        }

        return (variables, null);
    }

    private static bool TryParseValue(JsonElement? element, out JsonNode? value)
    {
        value = null;
        if (element is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            value = JsonNode.Parse(e.GetRawText());
            return true;
        }

        var text = e.GetString()!;
        try
        {
            value = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
            {
                value = JsonValue.Create(text[1..^1]);
                return true;
            }

            return false;
        }
    }

    private static string Describe(JsonElement? value)
    {
        var text = value?.GetString() ?? "";
        return text.Length <= 60 ? $"'{text}'" : $"'{text[..60]}…'";
    }

    /// <summary>
    /// The variables visible to a task, innermost scope first (an inner variable hides an outer one of the same
    /// name), optionally only <paramref name="names"/>, ordered by name. An ended task's element scope is gone; it
    /// sees the process scope.
    /// </summary>
    public static IReadOnlyList<VariableSearchResponse> Visible(ProcessInstanceState state, UserTask task, IReadOnlySet<string>? names)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(task);
        var chain = state.ScopeChain(task.ElementInstanceKey);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<VariableSearchResponse>();
        foreach (var scopeKey in chain)
        {
            if (!state.Variables.TryGetValue(scopeKey, out var scope))
            {
                continue;
            }

            foreach (var (name, value) in scope)
            {
                if ((names is null || names.Contains(name)) && seen.Add(name))
                {
                    var json = value?.ToJsonString(ValueOptions) ?? "null";
                    var truncated = json.Length > PreviewLength;
                    result.Add(new VariableSearchResponse(
                        $"{ApiKeys.Format(scopeKey)}-{name}", name, json, truncated ? json[..PreviewLength] : json, truncated));
                }
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }
}
