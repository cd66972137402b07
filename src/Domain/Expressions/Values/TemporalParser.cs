using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskFunctions.Domain.Expressions;

/// <summary>Parses the ISO 8601 forms FEEL accepts for dates, times, date-times and durations.</summary>
internal static partial class TemporalParser
{
    [GeneratedRegex(@"^(?<y>-?\d{4,9})-(?<m>\d{2})-(?<d>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"^(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<off>Z|[+-]\d{2}:\d{2})?(@(?<zone>[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(
        @"^(?<neg>-)?P(?!$)((?<y>\d+)Y)?((?<mo>\d+)M)?((?<d>\d+)D)?(T(?=\d)((?<h>\d+)H)?((?<mi>\d+)M)?((?<s>\d+)(\.(?<f>\d{1,9}))?S)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    public static FeelDate? ParseDate(string text)
    {
        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return CreateDate(
            int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture));
    }

    public static FeelDate? CreateDate(long year, long month, long day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return null;
        }

        return new FeelDate(new DateOnly((int)year, (int)month, (int)day));
    }

    public static FeelTime? ParseTime(string text)
    {
        var parts = ParseTimeParts(text);
        if (parts is null)
        {
            return null;
        }

        var (time, offset, zone) = parts.Value;
        if (zone is not null)
        {
            // A time alone cannot resolve a zone's daylight-saving offset; use the zone's standard offset.
            var info = FindZone(zone);
            return info is null ? null : new FeelTime(time, info.BaseUtcOffset);
        }

        return new FeelTime(time, offset);
    }

    public static FeelDateTime? ParseDateTime(string text)
    {
        var separator = text.IndexOf('T', StringComparison.Ordinal);
        if (separator < 0)
        {
            var dateOnly = ParseDate(text);
            return dateOnly is null ? null : new FeelDateTime(dateOnly.Value.ToDateTime(TimeOnly.MinValue), null);
        }

        var date = ParseDate(text[..separator]);
        var parts = ParseTimeParts(text[(separator + 1)..]);
        if (date is null || parts is null)
        {
            return null;
        }

        var (time, offset, zone) = parts.Value;
        return Create(date.Value.ToDateTime(time), offset, zone);
    }

    public static FeelDateTime? Create(DateTime local, TimeSpan? offset, string? zone)
    {
        if (zone is null)
        {
            return new FeelDateTime(local, offset);
        }

        var info = FindZone(zone);
        return info is null ? null : new FeelDateTime(local, info.GetUtcOffset(local), zone);
    }

    public static FeelValue? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var negative = match.Groups["neg"].Success;
        var hasYearMonth = match.Groups["y"].Success || match.Groups["mo"].Success;
        var hasDayTime = match.Groups["d"].Success || match.Groups["h"].Success ||
                         match.Groups["mi"].Success || match.Groups["s"].Success;
        try
        {
            if (hasYearMonth && !hasDayTime)
            {
                var months = checked((Number(match, "y") * 12) + Number(match, "mo"));
                return new FeelYearsMonthsDuration(checked((int)(negative ? -months : months)));
            }

            if (hasYearMonth)
            {
                return null;
            }

            var fraction = match.Groups["f"].Success ? match.Groups["f"].Value.PadRight(7, '0')[..7] : "0";
            var ticks = checked(
                (Number(match, "d") * TimeSpan.TicksPerDay) +
                (Number(match, "h") * TimeSpan.TicksPerHour) +
                (Number(match, "mi") * TimeSpan.TicksPerMinute) +
                (Number(match, "s") * TimeSpan.TicksPerSecond) +
                long.Parse(fraction, CultureInfo.InvariantCulture));
            return new FeelDaysTimeDuration(TimeSpan.FromTicks(negative ? -ticks : ticks));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Parses a <c>@"..."</c> literal by its shape: duration, date and time, date, or time.</summary>
    public static FeelValue? ParseLiteral(string text)
    {
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            return ParseDuration(text);
        }

        if (text.Contains('T', StringComparison.Ordinal))
        {
            return ParseDateTime(text);
        }

        return (FeelValue?)ParseDate(text) ?? ParseTime(text);
    }

    private static long Number(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static (TimeOnly Time, TimeSpan? Offset, string? Zone)? ParseTimeParts(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["mi"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var ticks = match.Groups["f"].Success
            ? long.Parse(match.Groups["f"].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture)
            : 0;
        var time = new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(ticks));

        TimeSpan? offset = null;
        if (match.Groups["off"].Success)
        {
            var value = match.Groups["off"].Value;
            if (value == "Z")
            {
                offset = TimeSpan.Zero;
            }
            else
            {
                var hours = int.Parse(value.AsSpan(1, 2), CultureInfo.InvariantCulture);
                var minutes = int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture);
                if (hours > 18 || minutes > 59)
                {
                    return null;
                }

                var span = new TimeSpan(hours, minutes, 0);
                offset = value[0] == '-' ? -span : span;
            }
        }

        var zone = match.Groups["zone"].Success ? match.Groups["zone"].Value : null;
        return (time, offset, zone);
    }

    private static TimeZoneInfo? FindZone(string zone)
    {
        if (zone is "UTC" or "Z")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? info : null;
    }
}
