using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>When a BPMN timer is due: durations count from now, dates are absolute, cycles repeat an interval.</summary>
internal sealed record TimerSchedule(DateTimeOffset DueAt, int? Repetitions, IsoDuration? Interval)
{
    public static bool TryCompute(
        ExecutionSession session,
        long elementInstanceKey,
        TimerDefinition timer,
        out TimerSchedule? schedule,
        out string? failure)
    {
        schedule = null;
        failure = null;
        switch (timer.Kind)
        {
            case TimerKind.Duration:
                if (!TryResolve<IsoDuration>(session, elementInstanceKey, timer.Duration!, ToDuration, out var duration, out failure))
                    return false;
                if (!TryAdd(duration, session.Now, out var due, out failure))
                    return false;
                schedule = new TimerSchedule(due, null, null);
                return true;
            case TimerKind.Date:
                if (!TryResolve<DateTimeOffset>(session, elementInstanceKey, timer.Date!, ToDate, out var date, out failure))
                    return false;
                schedule = new TimerSchedule(date, null, null);
                return true;
            default:
                if (!TryResolve<TimerCycle>(session, elementInstanceKey, timer.Cycle!, ToCycle, out var cycle, out failure))
                    return false;
                if (cycle.Repetitions == 0)
                {
                    failure = $"The timer cycle '{timer.Cycle}' repeats zero times; use R<n> with n of at least 1, or R for no end.";
                    return false;
                }

                var first = cycle.Start ?? session.Now;
                if (cycle.Start is null && !TryAdd(cycle.Interval, session.Now, out first, out failure))
                    return false;
                schedule = new TimerSchedule(first, cycle.Repetitions, cycle.Interval);
                return true;
        }
    }

    /// <summary>Adds a duration to an instant; false when the result lies beyond the calendar.</summary>
    public static bool TryAdd(IsoDuration duration, DateTimeOffset start, out DateTimeOffset result, out string? failure)
    {
        try
        {
            result = duration.AddTo(start);
            failure = null;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            result = default;
            failure = $"The timer would be due after the year 9999 ({start:O} plus the timer's duration).";
            return false;
        }
    }

    private delegate bool Converter<T>(FeelValue value, out T result);

    private static bool TryResolve<T>(
        ExecutionSession session,
        long elementInstanceKey,
        ExpressionOrValue<T> value,
        Converter<T> convert,
        out T result,
        out string? failure)
    {
        failure = null;
        if (value.Expression is null)
        {
            result = value.Value;
            return true;
        }

        var evaluated = VariableScopes.Evaluate(session, elementInstanceKey, value.Expression);
        if (evaluated.IsSuccess && convert(evaluated.Value, out result))
        {
            return true;
        }

        result = default!;
        failure = evaluated.Failure is { } reason
            ? $"Failed to evaluate timer expression '{value.Expression.Source}': {reason}"
            : $"The timer expression '{value.Expression.Source}' yielded {evaluated.Value.TypeName} '{evaluated.Value}', which is not a valid timer value.";
        return false;
    }

    private static bool ToDuration(FeelValue value, out IsoDuration result)
    {
        switch (value)
        {
            case FeelDaysTimeDuration d when d.Value > TimeSpan.Zero:
                result = new IsoDuration(0, 0, d.Value.Days, d.Value - TimeSpan.FromDays(d.Value.Days));
                return true;
            case FeelYearsMonthsDuration m when m.TotalMonths > 0:
                result = new IsoDuration(m.TotalMonths / 12, m.TotalMonths % 12, 0, TimeSpan.Zero);
                return true;
            case FeelString s when IsoDuration.TryParse(s.Value, out var parsed):
                result = parsed;
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static bool ToDate(FeelValue value, out DateTimeOffset result)
    {
        switch (value)
        {
            case FeelDateTime { Instant: { } instant }:
                result = instant;
                return true;
            case FeelString s when IsoDateTime.TryParse(s.Value, out var parsed):
                result = parsed;
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static bool ToCycle(FeelValue value, out TimerCycle result)
    {
        if (value is FeelString s && TimerCycle.TryParse(s.Value, out var parsed))
        {
            result = parsed!;
            return true;
        }

        result = null!;
        return false;
    }
}
