using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

public class HostileInputTests
{
    private const string Chars99 =
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("-", "")]
    [InlineData("not(", ")")]
    [InlineData("if true then ", " else 0")]
    public void Parse_DeepNesting_IsSyntaxErrorNotCrash(string open, string close)
    {
        // Arrange
        var source = string.Concat(Enumerable.Repeat(open, 100_000 / Math.Max(open.Length, 1) / 2)) + "1" +
                     string.Concat(Enumerable.Repeat(close, 100_000 / Math.Max(open.Length, 1) / 2));
        source = source.Length > FeelExpression.MaxSourceLength ? source[..FeelExpression.MaxSourceLength] : source;

        // Act
        var error = Feel.SyntaxError(source);

        // Assert
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongOperatorChain_IsSyntaxErrorNotCrash()
    {
        // Arrange
        var source = "1" + string.Concat(Enumerable.Repeat(" + 1", 20_000));

        // Act
        var error = Feel.SyntaxError(source);

        // Assert
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(", ")", "1")]
    [InlineData("abs(", ")", "1")]
    [InlineData("{a: ", "}.a", "1")]
    [InlineData("[", "][1]", "1")]
    [InlineData("if true then ", " else 0", "1")]
    public void Parse_NestingJustUnderLimit_Accepted(string open, string close, string expectedJson)
    {
        // Arrange
        var source = string.Concat(Enumerable.Repeat(open, 250)) + "1" + string.Concat(Enumerable.Repeat(close, 250));

        // Act
        var json = Feel.Json(source);

        // Assert
        Assert.Equal(expectedJson, json);
    }

    [Fact]
    public void Parse_OverlongSource_IsSyntaxError()
    {
        // Act
        var error = Feel.SyntaxError(new string('1', FeelExpression.MaxSourceLength + 1));

        // Assert
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for i in 1..2000000 return i", "at most 1000000")]
    [InlineData("[1..100000000] instance of range and count(for i in 0..10000000 return i) > 0", "at most 1000000")]
    [InlineData("for a in 1..1000, b in 1..1000, c in 1..1000 return 1", "at most 1000000")]
    [InlineData("count(for a in 1..1000 return for b in 1..1000 return for c in 1..1000 return 1)", "evaluation steps")]
    [InlineData("{f: function(n) f(n + 1), r: f(1)}.r", "deeper than")]
    [InlineData("{f: 1}.f(2)", "not a function")]
    [InlineData("foo(1)", "no function named 'foo'")]
    [InlineData("substring(\"a\")", "function 'substring' does not take 1 argument")]
    [InlineData("upper case(\"a\", \"b\")", "does not take 2 arguments")]
    [InlineData("substring(text: \"a\", start position: 1)", "has no parameters named 'text', 'start position'")]
    [InlineData("(1)(2)", "not a function")]
    [InlineData("assert(-1, -1 > 0, \"amount must be positive\")", "assertion failed: amount must be positive")]
    [InlineData("substring(\"abc\", 100000000000000000000000)", "could not be evaluated")]
    [InlineData("count(for i in 1..20 return string join(for j in 1..1000000 return \"xxxxxxxxxxxxxxxxxxxx\"))", "longer than")]
    [InlineData("count(for i in 1..1000 return string join(for j in 1..100000 return \"" + Chars99 + "\"))", "evaluation steps")]
    [InlineData("count(for i in 1..1000 return flatten(for j in 1..10000 return [j]))", "evaluation steps")]
    public void Evaluate_HostileOrInvalid_FailsWithMessage(string expression, string expectedFragment)
    {
        // Act
        var failure = Feel.Failure(expression);

        // Assert
        Assert.Contains(expectedFragment, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HugeRangeLiteral_IsValueNotExpansion()
    {
        // A range used as a test is never expanded, so it may be as wide as the caller likes.

        // Act
        var json = Feel.Json("5 in [1..100000000000]");

        // Assert
        Assert.Equal("true", json);
    }

    [Fact]
    public void Evaluate_CatastrophicRegexInLoop_CompletesQuickly()
    {
        // Arrange: a pattern that takes exponential time on a backtracking engine.
        var expression = "every i in 1..200 satisfies not(matches(\"" + new string('a', 40) + "!\", \"^(a+)+$\"))";

        // Act
        var json = Feel.Json(expression);

        // Assert
        Assert.Equal("true", json);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("-(", ")")]
    [InlineData("abs(", ")")]
    public void ParseAndEvaluate_MaximumNestingOnSmallStack_ReturnsWithoutCrash(string open, string close)
    {
        // Arrange: just inside the parser's limit, on a 256 KB thread (a default thread has 1 MB or more).
        var levels = 250 / Math.Max(1, open.Count(c => c is '(' or '[' or '{'));
        var source = string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));
        FeelParseResult? parsed = null;
        FeelEvaluationResult? evaluated = null;
        var thread = new Thread(
            () =>
            {
                parsed = FeelExpression.Parse(source);
                evaluated = parsed.Expression?.Evaluate(new FeelContext(new Dictionary<string, FeelValue>(), Feel.Now));
            },
            maxStackSize: 256 * 1024);

        // Act
        thread.Start();
        thread.Join();

        // Assert: either a value or a clean error, never a crashed process.
        Assert.NotNull(parsed);
        Assert.True(parsed.IsSuccess ? evaluated is not null : parsed.Error is not null);
    }
}
