using System.Globalization;
using Quartz;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// An NCRONTAB schedule as Azure Functions' timer trigger reads it — six fields
/// <c>sec min hour day month day-of-week</c>, or five without the seconds; <c>*</c>, <c>a-b</c>, <c>a,b</c>,
/// <c>*/n</c>, <c>a/n</c>, <c>a-b/n</c>; day of week 0–6 with 0 = Sunday; English month and day names or their beginnings; UTC — evaluated by
/// Quartz's <see cref="CronExpression"/>. Quartz numbers days of the week 1–7 from Sunday and wants <c>?</c> in one
/// of the two day fields, so the expression is rewritten (<see cref="ToQuartz"/>). When both day fields are
/// restricted, NCRONTAB wants both to match; Quartz cannot say that, so the day of week is checked here.
/// </summary>
public sealed class CronSchedule
{
    // Longest search for a day that satisfies both day fields: 28 years repeat the calendar's weekday pattern.
    private const int MaxDaySkips = 28 * 366;

    private static readonly string[] DayNames = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];
    private static readonly string[] MonthNames =
        ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

    private readonly CronExpression _expression;
    private readonly HashSet<DayOfWeek>? _daysOfWeek;

    private CronSchedule(string expression, CronExpression quartz, HashSet<DayOfWeek>? daysOfWeek)
    {
        Expression = expression;
        _expression = quartz;
        _daysOfWeek = daysOfWeek;
    }

    /// <summary>The NCRONTAB expression as given.</summary>
    public string Expression { get; }

    /// <summary>The Quartz expression evaluated (without the day-of-week check when both day fields are restricted).</summary>
    public string QuartzExpression => _expression.CronExpressionString;

    /// <summary>Parses an NCRONTAB expression.</summary>
    /// <exception cref="FormatException">The expression is not valid NCRONTAB; the message says what is wrong.</exception>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var (quartz, dayOfWeek) = Convert(expression);
        var cron = Compile(quartz);
        HashSet<DayOfWeek>? days = null;
        if (dayOfWeek is not null)
        {
            var weekdays = Compile("0 0 0 ? * " + dayOfWeek);
            var sunday = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
            days = [.. Enumerable.Range(0, 7).Select(i => sunday.AddDays(i)).Where(weekdays.IsSatisfiedBy).Select(d => d.DayOfWeek)];
        }

        return new CronSchedule(expression, cron, days);
    }

    /// <summary>
    /// The Quartz form of an NCRONTAB expression, e.g. <c>0 30 9 * * 1-5</c> → <c>0 30 9 ? * 2-6</c>.
    /// </summary>
    /// <exception cref="FormatException">The expression is not valid NCRONTAB.</exception>
    public static string ToQuartz(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var (quartz, _) = Convert(expression);
        Compile(quartz);
        return quartz;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var from = after.ToUniversalTime();
        for (var skips = 0; skips < MaxDaySkips; skips++)
        {
            var next = _expression.GetNextValidTimeAfter(from);
            if (next is null || _daysOfWeek is null || _daysOfWeek.Contains(next.Value.UtcDateTime.DayOfWeek))
            {
                return next?.ToUniversalTime();
            }

            // Wrong day of the week: continue from the last second of that day.
            from = new DateTimeOffset(next.Value.UtcDateTime.Date.AddDays(1).AddSeconds(-1), TimeSpan.Zero);
        }

        return null;
    }

    private static CronExpression Compile(string quartz)
    {
        try
        {
            return new CronExpression(quartz) { TimeZone = TimeZoneInfo.Utc };
        }
        catch (FormatException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <returns>The Quartz expression, and the Quartz day-of-week field when it must be checked apart.</returns>
    private static (string Quartz, string? DayOfWeek) Convert(string expression)
    {
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5)
        {
            fields = ["0", .. fields];
        }
        else if (fields.Length != 6)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"it has {fields.Length} fields; 6 (with seconds) or 5 are expected."));
        }

        string[] names = ["second", "minute", "hour", "day", "month", "day-of-week"];
        for (var i = 0; i < fields.Length; i++)
        {
            // Names exist only for months and days of the week; Quartz's own letters (L, W, #, ?) are not NCRONTAB.
            var named = i >= 4;
            var bad = fields[i].FirstOrDefault(c => !(char.IsAsciiDigit(c) || (named && char.IsAsciiLetter(c)) || c is '*' or ',' or '-' or '/'));
            if (bad != default)
            {
                throw new FormatException(named
                    ? $"the {names[i]} field '{fields[i]}' contains '{bad}'; only digits, English names, '*', ',', '-' and '/' are allowed."
                    : $"the {names[i]} field '{fields[i]}' contains '{bad}'; only digits, '*', ',', '-' and '/' are allowed.");
            }
        }

        var day = fields[3];
        var month = ConvertNames(fields[4], MonthNames, "month");
        var dayOfWeek = ConvertDayOfWeek(fields[5]);
        string? separateDayOfWeek = null;
        if (dayOfWeek == "*")
        {
            dayOfWeek = "?";
        }
        else if (day == "*")
        {
            day = "?";
        }
        else
        {
            separateDayOfWeek = dayOfWeek;
            dayOfWeek = "?";
        }

        return ($"{fields[0]} {fields[1]} {fields[2]} {day} {month} {dayOfWeek}", separateDayOfWeek);
    }

    /// <summary>Day-of-week numbers move from NCRONTAB's 0–6 to Quartz's 1–7; steps stay as they are.</summary>
    private static string ConvertDayOfWeek(string field)
    {
        var parts = field.Split(',');
        for (var p = 0; p < parts.Length; p++)
        {
            var stepAt = parts[p].IndexOf('/', StringComparison.Ordinal);
            var range = stepAt < 0 ? parts[p] : parts[p][..stepAt];
            var step = stepAt < 0 ? "" : parts[p][stepAt..];
            if (range != "*")
            {
                range = string.Join('-', range.Split('-').Select(ConvertDay));
            }

            parts[p] = range + step;
        }

        return string.Join(',', parts);
    }

    private static string ConvertDay(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 0 and <= 6
                ? (number + 1).ToString(CultureInfo.InvariantCulture)
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"day of week {number} is out of range; 0–6 (0 = Sunday) are allowed."));
        }

        return ConvertName(value, DayNames, "day of week");
    }

    private static string ConvertNames(string field, string[] names, string what) =>
        string.Join(',', field.Split(',').Select(part =>
        {
            var stepAt = part.IndexOf('/', StringComparison.Ordinal);
            var range = stepAt < 0 ? part : part[..stepAt];
            var step = stepAt < 0 ? "" : part[stepAt..];
            return string.Join('-', range.Split('-').Select(v => v.Length > 0 && char.IsAsciiLetter(v[0]) ? ConvertName(v, names, what) : v)) + step;
        }));

    /// <summary>
    /// An English name or its beginning, any case (NCRONTAB takes the first name that starts with it, so "Ma" is
    /// March), as Quartz's three-letter upper-case name.
    /// </summary>
    private static string ConvertName(string value, string[] names, string what)
    {
        var upper = value.ToUpperInvariant();
        var match = names.FirstOrDefault(n => n.StartsWith(upper, StringComparison.Ordinal));
        return match?[..3] ?? throw new FormatException($"'{value}' is not a {what} name; English names such as {names[0]} or {names[0][..3]} are allowed.");
    }
}
