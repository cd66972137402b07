using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

public sealed class IsoValueTests
{
    [Theory]
    [InlineData("PT15M", 0, 0, 0, 0, 15, 0)]
    [InlineData("P1DT2H", 0, 0, 1, 2, 0, 0)]
    [InlineData("P2W", 0, 0, 14, 0, 0, 0)]
    [InlineData("P1Y2M3DT4H5M6S", 1, 2, 3, 4, 5, 6)]
    [InlineData("PT0.5S", 0, 0, 0, 0, 0, 0.5)]
    public void IsoDurationTryParse_ValidText_ReadsEveryPart(string text, int years, int months, int days, int hours, int minutes, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));

        var time = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        Assert.Equal(new IsoDuration(years, months, days, time), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1 hour")]
    [InlineData("PT-5M")]
    [InlineData("P99999999999D")]
    public void IsoDurationTryParse_InvalidText_Fails(string text) =>
        Assert.False(IsoDuration.TryParse(text, out _));

    [Fact]
    public void IsoDurationAddTo_MonthsAndTime_UsesCalendarMonths()
    {
        Assert.True(IsoDuration.TryParse("P1MT1H", out var duration));

        Assert.Equal(
            new DateTimeOffset(2026, 2, 28, 1, 0, 0, TimeSpan.Zero),
            duration.AddTo(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("R3/PT1H", 3)]
    [InlineData("R/PT10M", null)]
    [InlineData("R0/P1D", 0)]
    public void TimerCycleTryParse_RepeatingInterval_ReadsRepetitions(string text, int? repetitions)
    {
        Assert.True(TimerCycle.TryParse(text, out var cycle));

        Assert.Equal(repetitions, cycle!.Repetitions);
        Assert.Null(cycle.Start);
    }

    [Theory]
    [InlineData("PT1H")]
    [InlineData("R3")]
    [InlineData("R3/PT0S")]
    [InlineData("Rx/PT1H")]
    [InlineData("R3/2026-01-01T00:00:00/PT1H")]
    [InlineData("0 0 * * *")]
    public void TimerCycleTryParse_InvalidText_Fails(string text) =>
        Assert.False(TimerCycle.TryParse(text, out _));

    [Theory]
    [InlineData("2026-02-28T13:13:10+02:00", 2)]
    [InlineData("2026-02-28T13:13:10Z", 0)]
    [InlineData("2026-02-28T13:13:10.250-05:00", -5)]
    [InlineData("2026-07-01T12:00:00[Europe/Berlin]", 2)]
    [InlineData("2026-01-01T12:00:00[Europe/Berlin]", 1)]
    public void IsoDateTimeTryParse_WithOffsetOrZone_KeepsTheOffset(string text, int offsetHours)
    {
        Assert.True(IsoDateTime.TryParse(text, out var value));

        Assert.Equal(TimeSpan.FromHours(offsetHours), value.Offset);
    }

    [Theory]
    [InlineData("2026-02-28T13:13:10")]
    [InlineData("2026-02-28")]
    [InlineData("2026-02-28T13:13:10[Nowhere/Special]")]
    [InlineData("2026-02-28T13:13:10[../../../etc/passwd]")]
    [InlineData("2026-02-30T13:13:10Z")]
    [InlineData("tomorrow")]
    public void IsoDateTimeTryParse_WithoutOffsetOrInvalid_Fails(string text) =>
        Assert.False(IsoDateTime.TryParse(text, out _));
}
