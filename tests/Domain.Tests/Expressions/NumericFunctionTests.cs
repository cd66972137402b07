using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

public class NumericFunctionTests
{
    [Theory]
    [InlineData("abs(-5)", "5")]
    [InlineData("abs(duration(\"-PT1H\"))", "\"PT1H\"")]
    [InlineData("abs(\"x\")", "null")]
    [InlineData("floor(1.5)", "1")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("floor(-1.56, 1)", "-1.6")]
    [InlineData("ceiling(1.5)", "2")]
    [InlineData("ceiling(-1.5)", "-1")]
    [InlineData("ceiling(-1.56, 1)", "-1.5")]
    [InlineData("round up(5.5, 0)", "6")]
    [InlineData("round up(-5.5, 0)", "-6")]
    [InlineData("round up(1.121, 2)", "1.13")]
    [InlineData("round up(-1.126, 2)", "-1.13")]
    [InlineData("round up(1234, -2)", "1300")]
    [InlineData("round down(5.5, 0)", "5")]
    [InlineData("round down(-5.5, 0)", "-5")]
    [InlineData("round down(1.121, 2)", "1.12")]
    [InlineData("round half up(5.5, 0)", "6")]
    [InlineData("round half up(-5.5, 0)", "-6")]
    [InlineData("round half up(1.121, 2)", "1.12")]
    [InlineData("round half up(-1.126, 2)", "-1.13")]
    [InlineData("round half down(5.5, 0)", "5")]
    [InlineData("round half down(-5.5, 0)", "-5")]
    [InlineData("round half down(1.126, 2)", "1.13")]
    [InlineData("round half down(-1.121, 2)", "-1.12")]
    [InlineData("decimal(1/3, 2)", "0.33")]
    [InlineData("decimal(1.5, 0)", "2")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("decimal(1, 100)", "null")]
    [InlineData("modulo(12, 5)", "2")]
    [InlineData("modulo(-12, 5)", "3")]
    [InlineData("modulo(12, -5)", "-3")]
    [InlineData("modulo(-12, -5)", "-2")]
    [InlineData("modulo(10.1, 4.5)", "1.1")]
    [InlineData("modulo(1, 0)", "null")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("sqrt(-1)", "null")]
    [InlineData("odd(5)", "true")]
    [InlineData("odd(2)", "false")]
    [InlineData("even(2)", "true")]
    [InlineData("even(1.5)", "null")]
    [InlineData("exp(0)", "1")]
    [InlineData("exp(1000)", "null")]
    [InlineData("stddev([2, 4, 7, 5])", "2.0816659994661326")]
    [InlineData("log(1)", "0")]
    [InlineData("log(0)", "null")]
    public void NumericFunction_Called_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Fact]
    public void Sqrt_Two_HasFullDecimalPrecision()
    {
        // Act
        var text = Feel.Text("sqrt(2)");

        // Assert
        Assert.Equal("1.4142135623730950488016887242", text);
    }

    [Fact]
    public void RandomNumber_ManyDraws_BetweenZeroAndOneAndNotConstant()
    {
        var draws = Feel.Json("for i in 1..20 return random number()");

        var values = System.Text.Json.JsonSerializer.Deserialize<decimal[]>(draws)!;
        Assert.All(values, v => Assert.InRange(v, 0m, 0.9999999999m));
        Assert.True(values.Distinct().Count() > 1);
    }

    [Fact]
    public void RandomNumber_SameContextSeed_SameValue()
    {
        var expression = FeelExpression.Parse("[random number(), uuid()]").Expression!;
        var now = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

        var first = expression.Evaluate(new FeelContext(new Dictionary<string, FeelValue>(), now) { Random = new Random(42) });
        var second = expression.Evaluate(new FeelContext(new Dictionary<string, FeelValue>(), now) { Random = new Random(42) });
        var other = expression.Evaluate(new FeelContext(new Dictionary<string, FeelValue>(), now) { Random = new Random(43) });

        Assert.Equal(first.Value.ToJson()!.ToJsonString(), second.Value.ToJson()!.ToJsonString());
        Assert.NotEqual(first.Value.ToJson()!.ToJsonString(), other.Value.ToJson()!.ToJsonString());
    }
}
