using System.Globalization;
using System.Text;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// The keys of timer rows: <c>PK = yyyyMMddHHmm</c> (the UTC minute the timer is due in) and
/// <c>RK = {dueTicks:D19}-{processInstanceKey}-{escaped timerId}</c>. Both sort chronologically as strings, so
/// "everything due by now" is one key range and comes back oldest first.
/// </summary>
internal static class TimerKeys
{
    private const string BucketFormat = "yyyyMMddHHmm";

    public static string Bucket(DateTimeOffset dueAt) =>
        dueAt.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    public static string RowKey(long processInstanceKey, string timerId, DateTimeOffset dueAt)
    {
        var rowKey = string.Create(
            CultureInfo.InvariantCulture, $"{DueTicks(dueAt):D19}-{processInstanceKey}-{Escape(timerId)}");
        if (rowKey.Length > TableKeys.MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The timer id is too long for a table key ({rowKey.Length} characters with its prefix; at most {TableKeys.MaxKeyLength})."),
                nameof(timerId));
        }

        return rowKey;
    }

    /// <summary>The exclusive upper bound of the row keys due at or before <paramref name="now"/>.</summary>
    public static string DueRowKeyBound(DateTimeOffset now) =>
        (DueTicks(now) + 1).ToString("D19", CultureInfo.InvariantCulture);

    public static long DueTicks(DateTimeOffset dueAt) => dueAt.UtcTicks;

    /// <summary>The due time a row key starts with, exact to the tick (the DueAt column may be rounded by the store).</summary>
    public static DateTimeOffset DueAtOf(string rowKey) =>
        new(long.Parse(rowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>
    /// Reversible escaping for key values: <c>%XX</c> (UTF-8 bytes) for '%', the characters keys forbid
    /// (<c>/ \ # ?</c>) and control characters; everything else stays as it is.
    /// </summary>
    public static string Escape(string value) => TableKeys.EscapeValue(value);
}
