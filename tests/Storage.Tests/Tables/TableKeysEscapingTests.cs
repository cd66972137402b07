using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableKeysEscapingTests
{
    [Theory]
    [InlineData("plain-id_1", "plain-id_1")]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("50%/x\\y#z?", "50%25%2Fx%5Cy%23z%3F")]
    [InlineData("tab\there\u0000\u007f\u0085", "tab%09here%00%7F%C2%85")]
    [InlineData("Zoë 'O''Brien' 日本 😀", "Zoë 'O''Brien' 日本 😀")]
    public void EscapeValue_Value_EncodesOnlyWhatKeysCannotHoldAndRoundTrips(string value, string expected)
    {
        var escaped = TableKeys.EscapeValue(value);

        Assert.Equal(expected, escaped);
        Assert.True(TableKeys.IsValid(escaped));
        Assert.Equal(value, TableKeys.UnescapeValue(escaped));
    }
}
