using System.Globalization;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>How dates and page cursors travel in the v2 API.</summary>
internal static class ApiFormats
{
    /// <summary>UTC with milliseconds and <c>Z</c>, as Camunda writes dates (the official client accepts no offset).</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? value) => value is { } date ? Date(date) : null;

    /// <summary>
    /// The task index issues base64url cursors; Camunda's cursors (and the official client's validation) are standard,
    /// padded base64. The two alphabets map one to one, so the API cursor is the index cursor re-spelled.
    /// </summary>
    public static string? ToApiCursor(string? indexCursor)
    {
        if (indexCursor is null)
        {
            return null;
        }

        var text = indexCursor.Replace('-', '+').Replace('_', '/');
        return (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
    }

    /// <summary>The index cursor for an API cursor; null when it is not base64 at all.</summary>
    public static string? FromApiCursor(string apiCursor)
    {
        var text = apiCursor.TrimEnd('=');
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_')))
        {
            return null;
        }

        return text.Replace('+', '-').Replace('/', '_');
    }
}
