using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

public class SyntaxErrorTests
{
    [Theory]
    [InlineData("1 +", 3, "expected an expression but found end of expression")]
    [InlineData("(1 + 2", 6, "expected ')' but found end of expression")]
    [InlineData("[1, 2", 5, "expected ',' or ']' but found end of expression")]
    [InlineData("if x then 1", 11, "expected 'else' but found end of expression")]
    [InlineData("for x [1] return x", 6, "expected 'in' but found '['")]
    [InlineData("some x in [1] x > 1", 14, "expected 'satisfies' but found 'x'")]
    [InlineData("\"abc", 0, "unterminated string literal")]
    [InlineData("1 # 2", 2, "unexpected character '#'")]
    [InlineData("1 2", 2, "expected end of expression but found '2'")]
    [InlineData("{a 1}", 1, "expected a context key followed by ':' but found 'a'")]
    [InlineData("@\"not a date\"", 1, "'not a date' is not a valid date, time or duration")]
    [InlineData("f(a: 1, 2)", 8, "positional and named arguments cannot be mixed")]
    [InlineData("\"\\q\"", 1, "unknown escape sequence '\\q' in string")]
    [InlineData("then", 0, "expected an expression but found 'then'")]
    [InlineData("a.", 2, "expected a name after '.' but found end of expression")]
    [InlineData("string lenght(\"a\")", 0, "no function named 'string lenght'")]
    [InlineData("1 + upper kase(x)", 4, "no function named 'upper kase'")]
    public void Parse_InvalidSource_ReportsMessageAndPosition(string source, int position, string message)
    {
        // Act
        var error = Feel.SyntaxError(source);

        // Assert
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Parse_ErrorOnLaterLine_ReportsLineAndColumn()
    {
        // Act
        var error = Feel.SyntaxError("1 +\n  2 +\n   )");

        // Assert
        Assert.Equal(13, error.Position);
        Assert.Equal(3, error.Line);
        Assert.Equal(4, error.Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_IsError(string source)
    {
        // Act
        var error = Feel.SyntaxError(source);

        // Assert
        Assert.Equal("expression is empty", error.Message);
    }

    [Fact]
    public void Parse_ValidSource_KeepsSource()
    {
        // Act
        var result = FeelExpression.Parse("a + 1");

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Null(result.Error);
        Assert.Equal("a + 1", result.Expression!.Source);
    }

    [Theory]
    [InlineData("// comment\n1 + /* inline */ 2", "3")]
    [InlineData("date and time(\"2025-01-01T00:00:00\") instance of date and time", "true")]
    public void Parse_CommentsAndMultiWordNames_Accepted(string source, string expectedJson)
    {
        // Act
        var actual = Feel.Json(source);

        // Assert
        Assert.Equal(expectedJson, actual);
    }
}
