namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>
/// FEEL equality and ordering. Values of different types are neither equal nor unequal (null), except that
/// null equals only null.
/// </summary>
internal static class FeelComparison
{
    public static FeelValue AreEqual(FeelValue left, FeelValue right) => Equal(left, right) switch
    {
        true => FeelBoolean.True,
        false => FeelBoolean.False,
        null => FeelNull.Instance,
    };

    public static bool? Equal(FeelValue left, FeelValue right)
    {
        switch (left, right)
        {
            case (FeelNull, FeelNull):
                return true;
            case (FeelNull, _) or (_, FeelNull):
                return false;
            case (FeelBoolean a, FeelBoolean b):
                return a.Value == b.Value;
            case (FeelList a, FeelList b):
                return ListsEqual(a, b);
            case (FeelContextValue a, FeelContextValue b):
                return ContextsEqual(a, b);
            case (FeelRange a, FeelRange b):
                return a.StartIncluded == b.StartIncluded && a.EndIncluded == b.EndIncluded &&
                       Equal(a.Start, b.Start) == true && Equal(a.End, b.End) == true;
            case (FeelFunction a, FeelFunction b):
                return ReferenceEquals(a, b);
            case (FeelDateTime { Offset: null }, FeelDateTime { Offset: not null }):
            case (FeelDateTime { Offset: not null }, FeelDateTime { Offset: null }):
                return false;
            default:
                return Compare(left, right) is { } order ? order == 0 : null;
        }
    }

    /// <summary>Orders two values of the same comparable type; null when they cannot be ordered.</summary>
    public static int? Compare(FeelValue left, FeelValue right) => (left, right) switch
    {
        (FeelNumber a, FeelNumber b) => a.Value.CompareTo(b.Value),
        (FeelString a, FeelString b) => string.CompareOrdinal(a.Value, b.Value),
        (FeelDate a, FeelDate b) => a.Value.CompareTo(b.Value),
        (FeelTime a, FeelTime b) => CompareTimes(a, b),
        (FeelDateTime a, FeelDateTime b) => CompareDateTimes(a, b),
        (FeelDaysTimeDuration a, FeelDaysTimeDuration b) => a.Value.CompareTo(b.Value),
        (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b) => a.TotalMonths.CompareTo(b.TotalMonths),
        _ => null,
    };

    private static int? CompareTimes(FeelTime a, FeelTime b)
    {
        if (a.Offset is null != b.Offset is null)
        {
            return null;
        }

        var left = a.Value.ToTimeSpan() - (a.Offset ?? TimeSpan.Zero);
        var right = b.Value.ToTimeSpan() - (b.Offset ?? TimeSpan.Zero);
        return left.CompareTo(right);
    }

    private static int? CompareDateTimes(FeelDateTime a, FeelDateTime b)
    {
        if (a.Instant is { } left && b.Instant is { } right)
        {
            return left.CompareTo(right);
        }

        return a.Offset is null && b.Offset is null ? a.Local.CompareTo(b.Local) : null;
    }

    private static bool? ListsEqual(FeelList a, FeelList b)
    {
        if (a.Items.Count != b.Items.Count)
        {
            return false;
        }

        bool? result = true;
        for (var i = 0; i < a.Items.Count; i++)
        {
            var equal = Equal(a.Items[i], b.Items[i]);
            if (equal == false)
            {
                return false;
            }

            if (equal is null)
            {
                result = null;
            }
        }

        return result;
    }

    private static bool? ContextsEqual(FeelContextValue a, FeelContextValue b)
    {
        if (a.Entries.Count != b.Entries.Count)
        {
            return false;
        }

        bool? result = true;
        foreach (var (key, value) in a.Entries)
        {
            if (!b.TryGet(key, out var other))
            {
                return false;
            }

            var equal = Equal(value, other);
            if (equal == false)
            {
                return false;
            }

            if (equal is null)
            {
                result = null;
            }
        }

        return result;
    }
}
