using System.Globalization;

namespace TaskFunctions.Storage.Tables;

/// <summary>Text forms of typed values shared by the entity JSON and the filter literals.</summary>
internal static class TableValues
{
    /// <summary>Edm.DateTime always goes out in UTC with seven fractional digits, the service's own precision.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToDateTimeOffset(DateTime value) => value.Kind switch
    {
        // An unspecified DateTime is taken as UTC: storage has no time zones and the project keeps times in UTC.
        DateTimeKind.Unspecified => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        _ => new DateTimeOffset(value),
    };

    /// <summary>Reads any ISO 8601 form the service or emulator echoes back (they keep what was sent).</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>A double in a form the service cannot mistake for an integer (2 becomes 2.0).</summary>
    public static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") < 0 ? text + ".0" : text;
    }

    public static string? SpecialDouble(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : null;

    public static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
