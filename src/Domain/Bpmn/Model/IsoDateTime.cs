using System.Globalization;

namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Reads ISO 8601 combined date-times the way Camunda accepts them: with an offset (<c>2026-02-28T13:13:10+02:00</c>,
/// <c>...Z</c>) or a zone (<c>2026-02-28T13:13:10[Europe/Berlin]</c>, also after an offset). A local date-time without
/// offset or zone is refused, because it would mean a different instant on every server.
/// </summary>
public static class IsoDateTime
{
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var trimmed = text.Trim();
        string? zoneId = null;
        if (trimmed.EndsWith(']'))
        {
            var open = trimmed.IndexOf('[');
            if (open < 0)
                return false;
            zoneId = trimmed[(open + 1)..^1];
            trimmed = trimmed[..open];
        }

        if (DateTimeOffset.TryParseExact(trimmed, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && HasExplicitOffset(trimmed))
        {
            return zoneId is null || TryFindZone(zoneId, out _);
        }

        if (zoneId is null
            || !DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !TryFindZone(zoneId, out var zone))
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(local, zone!.GetUtcOffset(local));
        return true;
    }

    /// <summary>True when the text is a date-time that only lacks an offset or zone (to give a precise reason).</summary>
    public static bool IsLocalDateTime(string text) =>
        DateTime.TryParseExact(text.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // "K" also accepts an empty offset, which would silently mean local time.
    private static bool HasExplicitOffset(string text)
    {
        var timeStart = text.IndexOf('T');
        return text.EndsWith('Z') || text.IndexOf('+', timeStart) > 0 || text.IndexOf('-', timeStart) > 0;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        zone = null;

        // Zone ids name files of the system time zone database; only plain IANA-style names are looked up.
        if (id.Length is 0 or > 64 || id.Contains("..", StringComparison.Ordinal) || id.StartsWith('/')
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException
            or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException)
        {
            return false;
        }
    }
}
