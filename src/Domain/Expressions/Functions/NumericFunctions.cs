namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>Numeric built-ins: rounding with a scale, modulo, roots and parity.</summary>
internal static class NumericFunctions
{
    // decimal carries at most 28 fractional digits; a scale outside ±28 has no meaning for it.
    private const int MaxScale = 28;

    public static void Register(FunctionRegistry registry)
    {
        // Camunda extension: a number in [0, 1).
        registry.Add("random number", string.Empty, call => Arguments.Number((decimal)call.Random.NextDouble()));
        registry.Add("abs", "n", call => call[0] switch
        {
            FeelNumber n => Arguments.Number(Math.Abs(n.Value)),
            FeelDaysTimeDuration d => new FeelDaysTimeDuration(d.Value.Duration()),
            FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(Math.Abs(d.TotalMonths)),
            _ => FeelNull.Instance,
        });
        registry.Add("floor", "n, scale?", call => Round(call[0], call.Count > 1 ? call[1] : Zero, MidpointRounding.ToNegativeInfinity));
        registry.Add("ceiling", "n, scale?", call => Round(call[0], call.Count > 1 ? call[1] : Zero, MidpointRounding.ToPositiveInfinity));
        registry.Add("decimal", "n, scale", call => Round(call[0], call[1], MidpointRounding.ToEven));
        registry.Add("round half up", "n, scale", call => Round(call[0], call[1], MidpointRounding.AwayFromZero));
        registry.Add("round down", "n, scale", call => Round(call[0], call[1], MidpointRounding.ToZero));
        registry.Add("round up", "n, scale", call => call[0] is FeelNumber { Value: < 0 }
            ? Round(call[0], call[1], MidpointRounding.ToNegativeInfinity)
            : Round(call[0], call[1], MidpointRounding.ToPositiveInfinity));
        registry.Add("round half down", "n, scale", call =>
        {
            // .NET has no "ties toward zero"; round away from zero unless the value sits exactly on the tie.
            var nearest = Round(call[0], call[1], MidpointRounding.AwayFromZero);
            var truncated = Round(call[0], call[1], MidpointRounding.ToZero);
            if (nearest is not FeelNumber n || truncated is not FeelNumber t || call[0] is not FeelNumber x)
            {
                return FeelNull.Instance;
            }

            return Math.Abs(x.Value - t.Value) == Math.Abs(n.Value - x.Value) ? truncated : nearest;
        });
        registry.Add("modulo", "dividend, divisor", call =>
        {
            if (call[0] is not FeelNumber { Value: var a } || call[1] is not FeelNumber { Value: var b } || b == 0)
            {
                return FeelNull.Instance;
            }

            // FEEL's modulo takes the sign of the divisor, unlike C#'s remainder.
            var remainder = a % b;
            return Arguments.Number(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder);
        });
        registry.Add("sqrt", "number", call => call[0] is FeelNumber { Value: >= 0 } n ? Arguments.Number(Sqrt(n.Value)) : FeelNull.Instance);
        registry.Add("log", "number", call => call[0] is FeelNumber { Value: > 0 } n
            ? Arguments.FromDouble(Math.Log((double)n.Value))
            : FeelNull.Instance);
        registry.Add("exp", "number", call => call[0] is FeelNumber n
            ? Arguments.FromDouble(Math.Exp((double)n.Value))
            : FeelNull.Instance);
        registry.Add("odd", "number", call => Parity(call[0], odd: true));
        registry.Add("even", "number", call => Parity(call[0], odd: false));
    }

    private static readonly FeelNumber Zero = new(0);

    private static FeelValue Round(FeelValue value, FeelValue scaleValue, MidpointRounding mode)
    {
        if (value is not FeelNumber { Value: var number } || !Arguments.TryInt(scaleValue, out var scale) ||
            scale is < -MaxScale or > MaxScale)
        {
            return FeelNull.Instance;
        }

        try
        {
            if (scale >= 0)
            {
                return Arguments.Number(decimal.Round(number, scale, mode));
            }

            var factor = Pow10(-scale);
            return Arguments.Number(decimal.Round(number / factor, 0, mode) * factor);
        }
        catch (OverflowException)
        {
            return FeelNull.Instance;
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal Sqrt(decimal value)
    {
        if (value == 0)
        {
            return 0;
        }

        // Start from the double root, then refine with Newton steps to full decimal precision.
        var root = (decimal)Math.Sqrt((double)value);
        for (var i = 0; i < 4 && root != 0; i++)
        {
            root = (root + (value / root)) / 2;
        }

        return root;
    }

    private static FeelValue Parity(FeelValue value, bool odd) =>
        value is FeelNumber { Value: var n } && n == decimal.Truncate(n)
            ? FeelBoolean.Of((n % 2 != 0) == odd)
            : FeelNull.Instance;
}
