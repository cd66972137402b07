using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Functions.Hosting;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// Reads request bodies as JSON objects, so every field can be checked by name: an unknown field is a 400 that
/// names it instead of being dropped by a typed binder. An empty body reads as null (Camunda's bodies are optional).
/// </summary>
internal static class JsonBody
{
    /// <summary>The body as an object, null when empty, or the 400 for a body that is not a JSON object.</summary>
    /// <exception cref="JsonException">The body is not JSON (the host answers 400).</exception>
    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, HttpSettings settings)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (null, null);
        }

        // The parser checks structure, not the bytes inside strings; a bad sequence would only fail when a value is read.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (null, ApiProblems.BadRequest(JsonErrors.InvalidUtf8));
        }

        var node = JsonNode.Parse(
            buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
            new JsonNodeOptions { PropertyNameCaseInsensitive = false },
            // Duplicate names would otherwise surface later, as an exception when a nested object is first read.
            new JsonDocumentOptions { MaxDepth = settings.MaxJsonDepth, AllowDuplicateProperties = false });
        return node switch
        {
            null => (null, null),
            JsonObject body => (body, null),
            _ => (null, ApiProblems.BadRequest($"The request body must be a JSON object, got {Kind(node)}.")),
        };
    }

    /// <summary>The 400 for the first field of <paramref name="body"/> not in <paramref name="allowed"/>, or null.</summary>
    public static ProblemHttpResult? RejectUnknown(JsonObject? body, string path, params string[] allowed)
    {
        if (body is null)
        {
            return null;
        }

        var unknown = body.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToArray();
        return unknown.Length == 0
            ? null
            : ApiProblems.BadRequest(
                $"Unknown or unsupported field{(unknown.Length > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{Join(path, u)}'"))}; " +
                $"{(path.Length == 0 ? "the body" : $"'{path}'")} accepts {string.Join(", ", allowed)}.",
                [.. unknown.Select(u => Join(path, u))]);
    }

    /// <summary>An optional string field: null when absent or null, else the string or the 400 naming the field.</summary>
    public static (string? Value, ProblemHttpResult? Problem) OptionalString(JsonObject? body, string field, string path = "")
    {
        var node = body?[field];
        if (node is null)
        {
            return (null, null);
        }

        return node.GetValueKind() == JsonValueKind.String
            ? (node.GetValue<string>(), null)
            : (null, ApiProblems.BadRequest($"'{Join(path, field)}' must be a string, got {Kind(node)}.", Join(path, field)));
    }

    /// <summary>An optional boolean field: null when absent or null, else the value or the 400 naming the field.</summary>
    public static (bool? Value, ProblemHttpResult? Problem) OptionalBool(JsonObject? body, string field, string path = "")
    {
        var node = body?[field];
        if (node is null)
        {
            return (null, null);
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => (true, null),
            JsonValueKind.False => (false, null),
            _ => (null, ApiProblems.BadRequest($"'{Join(path, field)}' must be true or false, got {node.ToJsonString()}.", Join(path, field))),
        };
    }

    /// <summary>An optional object field: null when absent or null, else the object or the 400 naming the field.</summary>
    public static (JsonObject? Value, ProblemHttpResult? Problem) OptionalObject(JsonObject? body, string field, string path = "")
    {
        var node = body?[field];
        return node switch
        {
            null => (null, null),
            JsonObject value => (value, null),
            _ => (null, ApiProblems.BadRequest($"'{Join(path, field)}' must be a JSON object, got {Kind(node)}.", Join(path, field))),
        };
    }

    public static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    public static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
