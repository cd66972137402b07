using TaskFunctions.Domain.Expressions.Syntax;

namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>
/// FEEL arithmetic on numbers, strings, and temporal values. Operands of unsupported types, division by zero
/// and overflow all yield null rather than an error.
/// </summary>
internal static class FeelArithmetic
{
    /// <summary>Longest string an expression may build, so a loop cannot exhaust memory.</summary>
    public const int MaxStringLength = 10_000_000;

    public static FeelValue Apply(BinaryOperator op, FeelValue left, FeelValue right)
    {
        try
        {
            return op switch
            {
                BinaryOperator.Add => Add(left, right),
                BinaryOperator.Subtract => Subtract(left, right),
                BinaryOperator.Multiply => Multiply(left, right),
                BinaryOperator.Divide => Divide(left, right),
                BinaryOperator.Power => Power(left, right),
                _ => FeelNull.Instance,
            };
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException or ArgumentException)
        {
            // Results outside decimal or calendar range have no FEEL value.
            return FeelNull.Instance;
        }
    }

    public static FeelValue Negate(FeelValue value) => value switch
    {
        FeelNumber n => new FeelNumber(-n.Value),
        FeelDaysTimeDuration d => new FeelDaysTimeDuration(-d.Value),
        FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(-d.TotalMonths),
        _ => FeelNull.Instance,
    };

    private static FeelValue Add(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelNumber a, FeelNumber b) => new FeelNumber(a.Value + b.Value),
        (FeelString a, FeelString b) when a.Value.Length + (long)b.Value.Length > MaxStringLength =>
            throw new FeelEvaluationException($"string result is longer than {MaxStringLength} characters"),
        (FeelString a, FeelString b) => new FeelString(a.Value + b.Value),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => new FeelDaysTimeDuration(a.Value + b.Value),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) =>
            new FeelYearsMonthsDuration(checked(a.TotalMonths + b.TotalMonths)),
        (FeelDaysTimeDuration or FeelYearsMonthsDuration, FeelDate or FeelDateTime or FeelTime) => Add(right, left),
        (FeelDate a, FeelDaysTimeDuration b) => AddToDate(a, b.Value),
        (FeelDate a, FeelYearsMonthsDuration b) => new FeelDate(a.Value.AddMonths(b.TotalMonths)),
        (FeelDateTime a, FeelDaysTimeDuration b) => Shift(a, a.Local + b.Value),
        (FeelDateTime a, FeelYearsMonthsDuration b) => Shift(a, a.Local.AddMonths(b.TotalMonths)),
        (FeelTime a, FeelDaysTimeDuration b) => new FeelTime(a.Value.Add(b.Value), a.Offset),
        _ => FeelNull.Instance,
    };

    private static FeelValue Subtract(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelNumber a, FeelNumber b) => new FeelNumber(a.Value - b.Value),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => new FeelDaysTimeDuration(a.Value - b.Value),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) =>
            new FeelYearsMonthsDuration(checked(a.TotalMonths - b.TotalMonths)),
        (FeelDate a, FeelDate b) => new FeelDaysTimeDuration(TimeSpan.FromDays(a.Value.DayNumber - b.Value.DayNumber)),
        (FeelDateTime a, FeelDateTime b) => Difference(a, b),
        (FeelDateTime a, FeelDate b) => Difference(a, AtMidnight(b, a.Offset)),
        (FeelDate a, FeelDateTime b) => Difference(AtMidnight(a, b.Offset), b),
        (FeelTime a, FeelTime b) when a.Offset is null == b.Offset is null => new FeelDaysTimeDuration(
            a.Value.ToTimeSpan() - (a.Offset ?? TimeSpan.Zero) - (b.Value.ToTimeSpan() - (b.Offset ?? TimeSpan.Zero))),
        (FeelDate or FeelDateTime or FeelTime, FeelDaysTimeDuration b) => Add(left, new FeelDaysTimeDuration(-b.Value)),
        (FeelDate or FeelDateTime, FeelYearsMonthsDuration b) => Add(left, new FeelYearsMonthsDuration(-b.TotalMonths)),
        _ => FeelNull.Instance,
    };

    private static FeelValue Multiply(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelNumber a, FeelNumber b) => new FeelNumber(a.Value * b.Value),
        (FeelDaysTimeDuration a, FeelNumber b) => new FeelDaysTimeDuration(TimeSpan.FromTicks(
            (long)decimal.Round(a.Value.Ticks * b.Value))),
        (FeelYearsMonthsDuration a, FeelNumber b) => new FeelYearsMonthsDuration(
            (int)decimal.Truncate(a.TotalMonths * b.Value)),
        (FeelNumber, FeelDaysTimeDuration or FeelYearsMonthsDuration) => Multiply(right, left),
        _ => FeelNull.Instance,
    };

    private static FeelValue Divide(FeelValue left, FeelValue right) => (left, right) switch
    {
        (_, FeelNumber { Value: 0 }) => FeelNull.Instance,
        (FeelNumber a, FeelNumber b) => new FeelNumber(a.Value / b.Value),
        (FeelDaysTimeDuration a, FeelNumber b) => new FeelDaysTimeDuration(TimeSpan.FromTicks(
            (long)decimal.Round(a.Value.Ticks / b.Value))),
        (FeelYearsMonthsDuration a, FeelNumber b) => new FeelYearsMonthsDuration(
            (int)decimal.Truncate(a.TotalMonths / b.Value)),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) when b.Value != TimeSpan.Zero =>
            new FeelNumber((decimal)a.Value.Ticks / b.Value.Ticks),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) when b.TotalMonths != 0 =>
            new FeelNumber((decimal)a.TotalMonths / b.TotalMonths),
        _ => FeelNull.Instance,
    };

    private static FeelValue Power(FeelValue left, FeelValue right)
    {
        if (left is not FeelNumber { Value: var x } || right is not FeelNumber { Value: var y })
        {
            return FeelNull.Instance;
        }

        if (y == decimal.Truncate(y) && Math.Abs(y) <= 100_000)
        {
            // Exact decimal result for integral exponents, by repeated squaring.
            var exponent = (long)Math.Abs(y);
            var result = 1m;
            var factor = x;
            while (exponent > 0)
            {
                if ((exponent & 1) == 1)
                {
                    result *= factor;
                }

                exponent >>= 1;
                if (exponent > 0)
                {
                    factor *= factor;
                }
            }

            if (y >= 0)
            {
                return new FeelNumber(result);
            }

            return result == 0 ? FeelNull.Instance : new FeelNumber(1m / result);
        }

        return Functions.Arguments.FromDouble(Math.Pow((double)x, (double)y));
    }

    // DMN: a date plus a duration is computed at midnight UTC and truncated back to a date.
    private static FeelDate AddToDate(FeelDate date, TimeSpan duration) =>
        new(DateOnly.FromDateTime(date.Value.ToDateTime(TimeOnly.MinValue) + duration));

    private static FeelDateTime Shift(FeelDateTime value, DateTime local) =>
        TemporalParser.Create(local, value.Offset, value.Zone) ?? new FeelDateTime(local, value.Offset);

    private static FeelDateTime AtMidnight(FeelDate date, TimeSpan? offset) =>
        new(date.Value.ToDateTime(TimeOnly.MinValue), offset);

    private static FeelValue Difference(FeelDateTime a, FeelDateTime b)
    {
        if (a.Instant is { } left && b.Instant is { } right)
        {
            return new FeelDaysTimeDuration(left - right);
        }

        return a.Offset is null && b.Offset is null
            ? new FeelDaysTimeDuration(a.Local - b.Local)
            : FeelNull.Instance;
    }
}
