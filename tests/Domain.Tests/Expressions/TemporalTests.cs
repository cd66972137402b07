namespace TaskFunctions.Domain.Tests.Expressions;

public class TemporalTests
{
    [Theory]
    [InlineData("date(\"2012-12-25\") - date(\"2012-12-24\")", "P1D")]
    [InlineData("date(\"2012-12-24\") + duration(\"P1D\")", "2012-12-25")]
    [InlineData("date(\"2012-12-24\") - duration(\"P1D\")", "2012-12-23")]
    [InlineData("date(\"2012-01-31\") + duration(\"P1M\")", "2012-02-29")]
    [InlineData("date(\"2012-12-24\") + duration(\"P1Y\")", "2013-12-24")]
    [InlineData("duration(\"P1D\") + date(\"2012-12-24\")", "2012-12-25")]
    [InlineData("date and time(\"2012-12-24T23:00:00\") + duration(\"PT2H\")", "2012-12-25T01:00:00")]
    [InlineData("date and time(\"2012-12-24T10:00:00Z\") - date and time(\"2012-12-24T10:00:00+02:00\")", "PT2H")]
    [InlineData("date and time(\"2012-12-24T10:00:00\") - date(\"2012-12-24\")", "PT10H")]
    [InlineData("@\"2025-01-01T10:00:00Z\" + @\"P1Y2M\"", "2026-03-01T10:00:00Z")]
    [InlineData("time(\"10:00:00\") + duration(\"PT15H\")", "01:00:00")]
    [InlineData("time(\"10:00:00\") - time(\"08:30:00\")", "PT1H30M")]
    [InlineData("duration(\"P1DT2H\") * 2", "P2DT4H")]
    [InlineData("2 * duration(\"PT30M\")", "PT1H")]
    [InlineData("duration(\"P1D\") / 2", "PT12H")]
    [InlineData("duration(\"P1Y\") + duration(\"P2M\")", "P1Y2M")]
    [InlineData("duration(\"P1Y\") * 2", "P2Y")]
    [InlineData("-duration(\"P1D\")", "-P1D")]
    [InlineData("duration(\"PT36H\")", "P1DT12H")]
    [InlineData("duration(\"P2Y14M\")", "P3Y2M")]
    [InlineData("duration(\"PT0.5S\")", "PT0.5S")]
    [InlineData("years and months duration(date(\"2011-12-22\"), date(\"2013-08-24\"))", "P1Y8M")]
    [InlineData("years and months duration(date(\"2013-08-24\"), date(\"2011-12-22\"))", "-P1Y8M")]
    [InlineData("date(2025, 2, 28)", "2025-02-28")]
    [InlineData("date(date and time(\"2025-02-28T10:00:00Z\"))", "2025-02-28")]
    [InlineData("time(14, 30, 0)", "14:30:00")]
    [InlineData("time(14, 30, 0, duration(\"PT1H\"))", "14:30:00+01:00")]
    [InlineData("time(\"10:15:30.25Z\")", "10:15:30.25Z")]
    [InlineData("time(date and time(\"2025-02-28T10:00:00+02:00\"))", "10:00:00+02:00")]
    [InlineData("date and time(date(\"2025-01-01\"), time(\"10:00:00Z\"))", "2025-01-01T10:00:00Z")]
    [InlineData("date and time(\"2018-12-10T10:30:00@Europe/Paris\")", "2018-12-10T10:30:00@Europe/Paris")]
    [InlineData("now()", "2025-03-14T09:26:53+01:00")]
    [InlineData("today()", "2025-03-14")]
    public void TemporalExpression_Evaluated_FollowsFeel(string expression, string expected)
    {
        // Act
        var actual = Feel.Text(expression);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("date(\"2025-02-30\")")]
    [InlineData("date(\"20250101\")")]
    [InlineData("time(\"25:00:00\")")]
    [InlineData("date and time(\"2025-01-01T10:00:00@Mars/Base\")")]
    [InlineData("duration(\"P\")")]
    [InlineData("duration(\"PT\")")]
    [InlineData("duration(\"P1Y2D\")")]
    [InlineData("date(2025, 13, 1)")]
    [InlineData("date(\"2012-12-24\") + 1")]
    [InlineData("date(\"2012-12-24\") + date(\"2012-12-24\")")]
    [InlineData("date and time(\"2012-12-24T10:00:00\") - date and time(\"2012-12-24T10:00:00Z\")")]
    public void TemporalExpression_Invalid_IsNull(string expression)
    {
        // Act
        var json = Feel.Json(expression);

        // Assert
        Assert.Equal("null", json);
    }

    [Theory]
    [InlineData("date and time(\"2025-01-01T10:00:00Z\") = date and time(\"2025-01-01T12:00:00+02:00\")", "true")]
    [InlineData("date and time(\"2025-01-01T10:00:00\") = date and time(\"2025-01-01T10:00:00Z\")", "false")]
    [InlineData("date and time(\"2025-01-01T10:00:00\") < date and time(\"2025-01-01T10:00:00Z\")", "null")]
    [InlineData("date(\"2025-01-01\") = date and time(\"2025-01-01T00:00:00\")", "null")]
    [InlineData("duration(\"PT1H\") < duration(\"P1D\")", "true")]
    [InlineData("duration(\"P1Y\") = duration(\"P12M\")", "true")]
    [InlineData("time(\"10:00:00+01:00\") = time(\"09:00:00Z\")", "true")]
    [InlineData("date(\"2025-01-05\") in [date(\"2025-01-01\")..date(\"2025-01-31\")]", "true")]
    [InlineData("now() > date and time(\"2025-01-01T00:00:00Z\")", "true")]
    public void TemporalComparison_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("date(\"2025-03-14\").year", "2025")]
    [InlineData("date(\"2025-03-14\").month", "3")]
    [InlineData("date(\"2025-03-14\").day", "14")]
    [InlineData("date(\"2025-03-16\").weekday", "7")]
    [InlineData("date and time(\"2025-03-14T09:26:53+02:00\").hour", "9")]
    [InlineData("date and time(\"2025-03-14T09:26:53+02:00\").second", "53")]
    [InlineData("date and time(\"2025-03-14T09:26:53+02:00\").time offset", "\"PT2H\"")]
    [InlineData("date and time(\"2025-03-14T09:26:53@Europe/Berlin\").timezone", "\"Europe/Berlin\"")]
    [InlineData("time(\"10:20:30\").minute", "20")]
    [InlineData("duration(\"P2DT3H4M5S\").days", "2")]
    [InlineData("duration(\"P2DT3H4M5S\").hours", "3")]
    [InlineData("duration(\"P2DT3H4M5S\").minutes", "4")]
    [InlineData("duration(\"P2DT3H4M5S\").seconds", "5")]
    [InlineData("duration(\"P1Y2M\").years", "1")]
    [InlineData("duration(\"P1Y2M\").months", "2")]
    [InlineData("[1..5].start", "1")]
    [InlineData("day of week(date(\"2025-03-14\"))", "\"Friday\"")]
    [InlineData("day of year(date(\"2025-02-01\"))", "32")]
    [InlineData("week of year(date(\"2025-01-01\"))", "1")]
    [InlineData("month of year(date(\"2025-03-14\"))", "\"March\"")]
    [InlineData("last day of month(date(\"2024-02-10\"))", "29")]
    public void TemporalProperty_Accessed_ReturnsComponent(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Fact]
    public void DateTime_BerlinZoneInSummer_UsesDaylightOffset()
    {
        // Act
        var result = Feel.Json("date and time(\"2025-07-01T12:00:00@Europe/Berlin\") = date and time(\"2025-07-01T10:00:00Z\")");

        // Assert
        Assert.Equal("true", result);
    }
}
