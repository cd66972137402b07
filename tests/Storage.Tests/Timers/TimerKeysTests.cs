using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Tests.Timers;

public sealed class TimerKeysTests
{
    [Theory]
    [InlineData("plain:id-1", "plain:id-1")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("back\\slash#hash?q", "back%5Cslash%23hash%3Fq")]
    [InlineData("100%", "100%25")]
    [InlineData("nul\u0000del\u007fnel\u0085", "nul%00del%7Fnel%C2%85")]
    [InlineData("ü 日本", "ü 日本")]
    public void Escape_Value_PercentEncodesOnlyForbiddenCharactersAndPercent(string value, string escaped)
    {
        var result = TimerKeys.Escape(value);

        Assert.Equal(escaped, result);
        Assert.True(TableKeys.IsValid(result));
        Assert.Equal(value, Uri.UnescapeDataString(result));
    }

    [Fact]
    public void RowKey_DueTimes_SortAsStringsInDueOrder()
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] dueTimes = [start.AddYears(-30), start.AddTicks(-1), start, start.AddTicks(1), start.AddDays(400)];

        var keys = dueTimes.Select(d => (Bucket: TimerKeys.Bucket(d), Row: TimerKeys.RowKey(99, "z", d))).ToList();

        Assert.Equal(keys, keys.OrderBy(k => k.Bucket, StringComparer.Ordinal).ThenBy(k => k.Row, StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(keys[2].Row, TimerKeys.DueRowKeyBound(start)) < 0);
        Assert.True(string.CompareOrdinal(keys[3].Row, TimerKeys.DueRowKeyBound(start)) > 0);
    }

    [Fact]
    public void Bucket_DueAtWithOffset_IsItsUtcMinute()
    {
        var dueAt = new DateTimeOffset(2026, 1, 5, 1, 7, 59, TimeSpan.FromHours(-5));

        Assert.Equal("202601050607", TimerKeys.Bucket(dueAt));
    }
}
