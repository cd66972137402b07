using System.Globalization;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>The clock functions and calendar helpers. The clock is the evaluation's, never the machine's.</summary>
internal static class TemporalFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("now", string.Empty, call => FeelDateTime.FromOffset(call.Now));
        registry.Add("today", string.Empty, call => new FeelDate(DateOnly.FromDateTime(call.Now.DateTime)));
        registry.Add("day of week", "date", call => DateOf(call[0]) is { } d
            ? Arguments.Text(d.DayOfWeek.ToString())
            : FeelNull.Instance);
        registry.Add("day of year", "date", call => DateOf(call[0]) is { } d
            ? Arguments.Number(d.DayOfYear)
            : FeelNull.Instance);
        registry.Add("week of year", "date", call => DateOf(call[0]) is { } d
            ? Arguments.Number(ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)))
            : FeelNull.Instance);
        registry.Add("month of year", "date", call => DateOf(call[0]) is { } d
            ? Arguments.Text(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month))
            : FeelNull.Instance);
        registry.Add("last day of month", "date", call => DateOf(call[0]) is { } d
            ? Arguments.Number(DateTime.DaysInMonth(d.Year, d.Month))
            : FeelNull.Instance);
    }

    private static DateOnly? DateOf(FeelValue value) => value switch
    {
        FeelDate d => d.Value,
        FeelDateTime dt => DateOnly.FromDateTime(dt.Local),
        _ => null,
    };
}
