namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>Properties of temporal values such as <c>d.year</c> or <c>duration.hours</c>.</summary>
internal static class TemporalProperties
{
    public static FeelValue Get(FeelValue value, string name) => (value, name) switch
    {
        (FeelDate d, _) => DateProperty(d.Value.ToDateTime(TimeOnly.MinValue), name),
        (FeelDateTime dt, "hour") => Number(dt.Local.Hour),
        (FeelDateTime dt, "minute") => Number(dt.Local.Minute),
        (FeelDateTime dt, "second") => Number(dt.Local.Second),
        (FeelDateTime dt, "time offset") => Offset(dt.Offset),
        (FeelDateTime dt, "timezone") => dt.Zone is null ? FeelNull.Instance : new FeelString(dt.Zone),
        (FeelDateTime dt, _) => DateProperty(dt.Local, name),
        (FeelTime t, "hour") => Number(t.Value.Hour),
        (FeelTime t, "minute") => Number(t.Value.Minute),
        (FeelTime t, "second") => Number(t.Value.Second),
        (FeelTime t, "time offset") => Offset(t.Offset),
        (FeelDaysTimeDuration d, "days") => Number(d.Value.Days),
        (FeelDaysTimeDuration d, "hours") => Number(d.Value.Hours),
        (FeelDaysTimeDuration d, "minutes") => Number(d.Value.Minutes),
        (FeelDaysTimeDuration d, "seconds") => Number(d.Value.Seconds),
        (FeelYearsMonthsDuration d, "years") => Number(d.TotalMonths / 12),
        (FeelYearsMonthsDuration d, "months") => Number(d.TotalMonths % 12),
        (FeelRange r, "start") => r.Start,
        (FeelRange r, "end") => r.End,
        (FeelRange r, "start included") => FeelBoolean.Of(r.StartIncluded),
        (FeelRange r, "end included") => FeelBoolean.Of(r.EndIncluded),
        _ => FeelNull.Instance,
    };

    private static FeelValue DateProperty(DateTime value, string name) => name switch
    {
        "year" => Number(value.Year),
        "month" => Number(value.Month),
        "day" => Number(value.Day),
        // FEEL numbers weekdays from Monday = 1 to Sunday = 7.
        "weekday" => Number(value.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)value.DayOfWeek),
        _ => FeelNull.Instance,
    };

    private static FeelValue Offset(TimeSpan? offset) =>
        offset is { } value ? new FeelDaysTimeDuration(value) : FeelNull.Instance;

    private static FeelNumber Number(int value) => new(value);
}
