using System.Text.Json;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// What a caller is told about a body that is not the JSON an operation expects. The serializer's own messages name
/// .NET types ("could not be converted to System.Nullable`1[System.Int32]"), which say nothing to a caller and
/// reveal the implementation, so those are replaced by the field's path; the parser's messages (position, token) stay.
/// </summary>
public static class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})"
            : "";
        if (NamesTypes(exception.Message))
        {
            var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "the body" : $"'{exception.Path.TrimStart('$', '.')}'";
            return $"The request body is not valid JSON for this operation: {path} does not have the type or format this operation expects{position}.";
        }

        return $"The request body is not valid JSON for this operation: {exception.Message}";
    }

    /// <summary>The 400 (or for Tasklist, the message) for a body whose bytes are not UTF-8.</summary>
    public const string InvalidUtf8 = "The request body is not valid UTF-8; JSON bodies must be UTF-8 encoded.";

    private static bool NamesTypes(string message) =>
        message.Contains("could not be converted to", StringComparison.Ordinal)
        || message.Contains(".NET", StringComparison.Ordinal)
        || message.Contains("System.", StringComparison.Ordinal)
        || message.Contains("TaskFunctions.", StringComparison.Ordinal);
}
