using System.Globalization;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>Conversions: <c>string()</c>, <c>number()</c> and the temporal constructors.</summary>
internal static class ConversionFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("string", "from", call => call[0] switch
        {
            FeelNull => FeelNull.Instance,
            FeelString s => s,
            var value => Arguments.Text(value.ToString()),
        });
        registry.Add("number", "from, grouping separator?, decimal separator?", Number);

        registry.Add("date", "from", call => call[0] switch
        {
            FeelString s => (FeelValue?)TemporalParser.ParseDate(s.Value) ?? FeelNull.Instance,
            FeelDate d => d,
            FeelDateTime dt => new FeelDate(DateOnly.FromDateTime(dt.Local)),
            _ => FeelNull.Instance,
        });
        registry.Add("date", "year, month, day", call =>
            Arguments.TryInt(call[0], out var y) && Arguments.TryInt(call[1], out var m) && Arguments.TryInt(call[2], out var d)
                ? (FeelValue?)TemporalParser.CreateDate(y, m, d) ?? FeelNull.Instance
                : FeelNull.Instance);

        registry.Add("time", "from", call => call[0] switch
        {
            FeelString s => (FeelValue?)TemporalParser.ParseTime(s.Value) ?? FeelNull.Instance,
            FeelTime t => t,
            FeelDateTime dt => new FeelTime(TimeOnly.FromDateTime(dt.Local), dt.Offset),
            FeelDate => new FeelTime(TimeOnly.MinValue, TimeSpan.Zero),
            _ => FeelNull.Instance,
        });
        registry.Add("time", "hour, minute, second, offset?", Time);

        registry.Add("date and time", "from", call => call[0] switch
        {
            FeelString s => (FeelValue?)TemporalParser.ParseDateTime(s.Value) ?? FeelNull.Instance,
            FeelDateTime dt => dt,
            FeelDate d => new FeelDateTime(d.Value.ToDateTime(TimeOnly.MinValue), null),
            _ => FeelNull.Instance,
        });
        registry.Add("date and time", "date, time", call =>
        {
            var date = call[0] switch
            {
                FeelDate d => d.Value,
                FeelDateTime dt => DateOnly.FromDateTime(dt.Local),
                _ => (DateOnly?)null,
            };
            return date is { } day && call[1] is FeelTime time
                ? new FeelDateTime(day.ToDateTime(time.Value), time.Offset)
                : FeelNull.Instance;
        });

        registry.Add("duration", "from", call => call[0] is FeelString s
            ? TemporalParser.ParseDuration(s.Value) ?? FeelNull.Instance
            : FeelNull.Instance);
        registry.Add("years and months duration", "from, to", call => (call[0], call[1]) switch
        {
            (FeelDate or FeelDateTime, FeelDate or FeelDateTime) =>
                new FeelYearsMonthsDuration(MonthsBetween(LocalOf(call[0]), LocalOf(call[1]))),
            _ => FeelNull.Instance,
        });
    }

    private static FeelValue Number(Evaluation.FeelCall call)
    {
        if (call[0] is FeelNumber number)
        {
            return number;
        }

        if (call[0] is not FeelString { Value: var text })
        {
            return FeelNull.Instance;
        }

        if (call[1] is FeelString grouping)
        {
            if (grouping.Value is not (" " or "," or "."))
            {
                return FeelNull.Instance;
            }

            text = text.Replace(grouping.Value, string.Empty, StringComparison.Ordinal);
        }

        if (call[2] is FeelString separator)
        {
            if (separator.Value is not ("," or ".") || (call[1] is FeelString g && g.Value == separator.Value))
            {
                return FeelNull.Instance;
            }

            text = text.Replace(separator.Value, ".", StringComparison.Ordinal);
        }

        var styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var value)
            ? Arguments.Number(value)
            : FeelNull.Instance;
    }

    private static FeelValue Time(Evaluation.FeelCall call)
    {
        if (!Arguments.TryInt(call[0], out var hour) || !Arguments.TryInt(call[1], out var minute) ||
            call[2] is not FeelNumber { Value: var second } ||
            hour is < 0 or > 23 || minute is < 0 or > 59 || second < 0 || second >= 60)
        {
            return FeelNull.Instance;
        }

        TimeSpan? offset = call[3] switch
        {
            FeelDaysTimeDuration d => d.Value,
            _ => null,
        };
        if (call[3] is not (FeelNull or FeelDaysTimeDuration))
        {
            return FeelNull.Instance;
        }

        var time = new TimeOnly(hour, minute).Add(TimeSpan.FromTicks((long)(second * TimeSpan.TicksPerSecond)));
        return new FeelTime(time, offset);
    }

    private static DateTime LocalOf(FeelValue value) => value switch
    {
        FeelDate d => d.Value.ToDateTime(TimeOnly.MinValue),
        FeelDateTime dt => dt.Local,
        _ => DateTime.MinValue,
    };

    // Whole months from one point to another; a partial month does not count, in either direction.
    private static int MonthsBetween(DateTime from, DateTime to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        var anchor = from.AddMonths(months);
        if (months > 0 && anchor > to)
        {
            months--;
        }
        else if (months < 0 && anchor < to)
        {
            months++;
        }

        return months;
    }
}
