using System.Globalization;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// RowKeys of index rows: <c>{code}|{segment}{value}|{key}</c>, one row per sort field and direction in each
/// partition, so a page in any order is a RowKey range read. The code is the field letter (<c>c</c>reation,
/// <c>p</c>riority, <c>d</c>ue, <c>f</c>ollow-up) and the direction (<c>a</c>/<c>d</c>). Segment <c>0</c> holds tasks
/// with a value (fixed-width digits), segment <c>1</c> tasks without, so missing values come last. Descending rows
/// store the value and the key inverted (<c>MaxValue − x</c>), so the descending rows are the ascending order
/// reversed within each segment — which also makes them the way to read an order backwards (see
/// <see cref="BackwardRanges"/>).
/// </summary>
internal static class SortKeys
{
    public static IReadOnlyList<(UserTaskSortField Field, bool Descending)> AllOrders { get; } =
    [
        .. Enum.GetValues<UserTaskSortField>().SelectMany(f => new[] { (f, false), (f, true) }),
    ];

    public static string Code(UserTaskSortField field, bool descending)
    {
        var letter = field switch
        {
            UserTaskSortField.CreationDate => 'c',
            UserTaskSortField.Priority => 'p',
            UserTaskSortField.DueDate => 'd',
            UserTaskSortField.FollowUpDate => 'f',
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field."),
        };
        return string.Concat(letter.ToString(), descending ? "d" : "a");
    }

    public static string RowKey(SortPosition position, bool descending)
    {
        var code = Code(position.Field, descending);
        var key = (descending ? long.MaxValue - position.UserTaskKey : position.UserTaskKey).ToString("D19", CultureInfo.InvariantCulture);
        if (!position.HasValue)
        {
            return $"{code}|1|{key}";
        }

        var value = position.Field == UserTaskSortField.Priority
            ? (descending ? 999 - position.Value : position.Value).ToString("D3", CultureInfo.InvariantCulture)
            : (descending ? long.MaxValue - position.Value : position.Value).ToString("D19", CultureInfo.InvariantCulture);
        return $"{code}|0{value}|{key}";
    }

    /// <summary>The task key of a row of the ascending creation-date order (the rows counts read).</summary>
    public static long KeyOfAscendingRow(string rowKey) =>
        long.Parse(rowKey.AsSpan(rowKey.Length - 19), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The RowKey ranges (exclusive bounds) that list an order forwards from just after <paramref name="after"/>:
    /// one range, as both segments are in RowKey order.
    /// </summary>
    public static IReadOnlyList<RowKeyRange> ForwardRanges(UserTaskSortField field, bool descending, SortPosition? after)
    {
        var code = Code(field, descending);
        return [new(after is { } p ? RowKey(p, descending) : code + "|", code + "}")];
    }

    /// <summary>
    /// The RowKey ranges that list an order backwards from just before <paramref name="before"/>: the rows of the
    /// opposite direction, tasks without a value first (they were last), then the rest.
    /// </summary>
    public static IReadOnlyList<RowKeyRange> BackwardRanges(UserTaskSortField field, bool descending, SortPosition? before)
    {
        var code = Code(field, !descending);
        RowKeyRange missing = new(code + "|1", code + "|2");
        RowKeyRange present = new(code + "|0", code + "|1");
        if (before is not { } p)
        {
            return [missing, present];
        }

        var start = RowKey(p, !descending);
        return p.HasValue ? [present with { After = start }] : [missing with { After = start }, present];
    }
}

/// <summary>RowKeys strictly between <see cref="After"/> and <see cref="Before"/>.</summary>
internal readonly record struct RowKeyRange(string After, string Before);
