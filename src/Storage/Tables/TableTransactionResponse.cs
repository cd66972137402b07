using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Reads the multipart answer to a transaction: one HTTP response per action on success, or a single failing one
/// whose error message starts with the failing action's index (<c>"N:…"</c>). Parsing is lenient: every
/// <c>HTTP/1.1</c> status line starts a part and any line starting with <c>--</c> ends its body, because the
/// emulator sometimes adds stray boundary lines.
/// </summary>
internal static partial class TableTransactionResponse
{
    /// <summary>One sub-response: status, its headers, its body.</summary>
    internal sealed record Part(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    public static string Boundary(string? contentType)
    {
        var match = contentType is null ? null : BoundaryPattern().Match(contentType);
        if (match is null || !match.Success)
        {
            throw new FormatException($"The transaction answer is not multipart (Content-Type '{contentType}').");
        }

        return match.Groups[1].Value.Trim('"');
    }

    public static IReadOnlyList<Part> Parse(string boundary, string body)
    {
        var start = body.IndexOf("--" + boundary, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException($"The transaction answer does not contain its boundary '{boundary}'.");
        }

        var lines = body[start..].Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var parts = new List<Part>();
        for (var i = 0; i < lines.Length; i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (!status.Success)
            {
                continue;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var bodyLines = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                bodyLines.Add(lines[i]);
            }

            i--;
            parts.Add(new Part(int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture), headers, string.Join("\n", bodyLines).Trim()));
        }

        return parts;
    }

    /// <summary>The failing action's index: from the message prefix, else from Content-ID (1-based), else unknown.</summary>
    public static int? FailedIndex(Part part, string? message, int actionCount)
    {
        var match = message is null ? Match.Empty : IndexPrefix().Match(message);
        if (!match.Success)
        {
            match = IndexInBody().Match(part.Body);
        }

        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < actionCount)
        {
            return index;
        }

        if (part.Headers.TryGetValue("Content-ID", out var contentId)
            && int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 && id <= actionCount)
        {
            return id - 1;
        }

        return actionCount == 1 ? 0 : null;
    }

    [GeneratedRegex(@"boundary=([^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"^HTTP/1\.[01] (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();

    [GeneratedRegex(@"""value""\s*:\s*""(\d+):")]
    private static partial Regex IndexInBody();
}
