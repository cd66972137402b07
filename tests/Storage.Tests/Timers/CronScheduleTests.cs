using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Tests.Timers;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("*/5 * * * * *", "*/5 * * * * ?")]
    [InlineData("0 */5 * * * *", "0 */5 * * * ?")]
    [InlineData("0 30 9 * * 1-5", "0 30 9 ? * 2-6")]
    [InlineData("0 0 12 * * 0", "0 0 12 ? * 1")]
    [InlineData("0 0 12 * * 6", "0 0 12 ? * 7")]
    [InlineData("0 0 12 * * 0,3,6", "0 0 12 ? * 1,4,7")]
    [InlineData("0 0 0 * * */2", "0 0 0 ? * */2")]
    [InlineData("0 0 0 * * 1-5/2", "0 0 0 ? * 2-6/2")]
    [InlineData("0 0 0 1 * *", "0 0 0 1 * ?")]
    [InlineData("0 0 0 1,15 */2 *", "0 0 0 1,15 */2 ?")]
    [InlineData("*/10 * * * *", "0 */10 * * * ?")]
    [InlineData("30 9 * * 1-5", "0 30 9 ? * 2-6")]
    [InlineData("0 0 8 * jan-Mar mon-FRI", "0 0 8 ? JAN-MAR MON-FRI")]
    [InlineData("0 0 8 * December Sunday,saturday", "0 0 8 ? DEC SUN,SAT")]
    [InlineData("0 0 0 13 * 5", "0 0 0 13 * ?")]
    [InlineData("0 0 8 * ma tu-THURS", "0 0 8 ? MAR TUE-THU")]
    [InlineData("0 5/15 * * * 1/2", "0 5/15 * ? * 2/2")]
    [InlineData("  0  0  6   * * *  ", "0 0 6 * * ?")]
    public void ToQuartz_NcrontabExpression_ConvertsFieldsAndDayOfWeek(string ncrontab, string quartz)
    {
        Assert.Equal(quartz, CronSchedule.ToQuartz(ncrontab));
    }

    [Theory]
    [InlineData("*/5 * * * * *", "2026-01-05T09:00:00Z", "2026-01-05T09:00:05Z")]
    [InlineData("*/5 * * * * *", "2026-01-05T09:00:03.5Z", "2026-01-05T09:00:05Z")]
    [InlineData("0 */5 * * * *", "2026-01-05T09:58:00Z", "2026-01-05T10:00:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-01-09T10:00:00Z", "2026-01-12T09:30:00Z")]
    [InlineData("0 0 0 * * 0", "2026-01-05T09:00:00Z", "2026-01-11T00:00:00Z")]
    [InlineData("0 0 0 * * 6", "2026-01-05T09:00:00Z", "2026-01-10T00:00:00Z")]
    [InlineData("0 0 0 * * */2", "2026-01-05T09:00:00Z", "2026-01-06T00:00:00Z")]
    [InlineData("0 0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-02-13T00:00:00Z")]
    [InlineData("0 0 0 13 * 5", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z")]
    [InlineData("15 10 * * *", "2026-01-05T10:15:00Z", "2026-01-06T10:15:00Z")]
    [InlineData("0 0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 * * 1/2", "2026-01-05T09:00:00Z", "2026-01-07T00:00:00Z")]
    [InlineData("0 0 0 * * 1/2", "2026-01-09T09:00:00Z", "2026-01-12T00:00:00Z")]
    public void GetNextOccurrence_Schedule_IsFirstMatchStrictlyAfterInUtc(string ncrontab, string after, string expected)
    {
        var schedule = CronSchedule.Parse(ncrontab);

        var next = schedule.GetNextOccurrence(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void GetNextOccurrence_AfterGivenWithOffset_ComparesInstants()
    {
        var schedule = CronSchedule.Parse("0 0 9 * * *");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 5, 10, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("* * * *", "4 fields")]
    [InlineData("* * * * * * *", "7 fields")]
    [InlineData("", "0 fields")]
    [InlineData("0 0 0 * * 7", "day of week 7")]
    [InlineData("0 0 0 L * *", "'L'")]
    [InlineData("0 0 0 ? * 1", "'?'")]
    [InlineData("0 0 0 * * 1#2", "'#'")]
    [InlineData("0 0 0 * * Funday", "'Funday'")]
    [InlineData("0 0 0 * Smarch *", "'Smarch'")]
    [InlineData("61 * * * * *", "")]
    [InlineData("0 0 25 * * *", "")]
    [InlineData("0 0 0 32 * *", "")]
    public void Parse_InvalidExpression_ThrowsFormatExceptionSayingWhy(string ncrontab, string mentioned)
    {
        var error = Assert.ThrowsAny<FormatException>(() => CronSchedule.Parse(ncrontab));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }
}
