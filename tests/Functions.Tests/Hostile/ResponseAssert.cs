using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>What every answer to hostile input must be: no 5xx, an error in the route's error shape, nothing internal.</summary>
internal static partial class ResponseAssert
{
    /// <summary>
    /// Fails when <paramref name="body"/> shows a stack trace, an exception type, a .NET namespace or a file path, or
    /// repeats something the caller must never see again (<paramref name="secrets"/>).
    /// </summary>
    public static void RevealsNothing(string body, string context, params string[] secrets)
    {
        Assert.False(body.Contains("   at ", StringComparison.Ordinal), $"{context}: stack trace in body: {body}");
        Assert.False(Internal().IsMatch(body), $"{context}: internal type or path in body: {Internal().Match(body).Value} in {body}");
        foreach (var secret in secrets)
        {
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{context}: body repeats '{secret}'");
        }
    }

    /// <summary>
    /// A 4xx in the route's error shape: RFC 9457 problem+json, or Tasklist's <c>{status, message, instance}</c> on
    /// <c>/v1/tasks</c> and <c>/v1/forms</c>.
    /// </summary>
    public static void IsClientError(HttpStatusCode status, string? mediaType, string body, string path, string context)
    {
        var code = (int)status;
        Assert.True(code is >= 400 and < 500, $"{context}: expected 4xx, got {code}: {body}");
        Assert.True(mediaType == "application/problem+json", $"{context}: error served as '{mediaType}': {body}");
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.True(json.TryGetProperty("status", out var s) && s.GetInt32() == code, $"{context}: no status {code} in body: {body}");
        if (IsTasklist(path) && !json.TryGetProperty("title", out _))
        {
            Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()), $"{context}: Tasklist error without message");
        }
        else
        {
            Assert.True(json.TryGetProperty("title", out var title) && !string.IsNullOrEmpty(title.GetString()), $"{context}: problem without title: {body}");
            Assert.True(json.TryGetProperty("detail", out var detail) && !string.IsNullOrEmpty(detail.GetString()), $"{context}: problem without detail: {body}");
        }
    }

    public static bool IsTasklist(string path) =>
        path.StartsWith("/v1/tasks", StringComparison.Ordinal) || path.StartsWith("/v1/forms", StringComparison.Ordinal);

    // "System.Xml.XmlException", "TaskFunctions.Storage…", "NullReferenceException", "/home/…/src/…cs".
    [GeneratedRegex(@"\b(System|Microsoft|TaskFunctions)\.[A-Z][A-Za-z]+|[A-Za-z]+Exception\b|\.cs:line|/etc/passwd|root:x:0", RegexOptions.CultureInvariant)]
    private static partial Regex Internal();
}
