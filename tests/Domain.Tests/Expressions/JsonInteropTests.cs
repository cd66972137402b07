using System.Text.Json.Nodes;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

public class JsonInteropTests
{
    [Fact]
    public void FromJson_Document_MapsEveryKind()
    {
        // Arrange
        var node = JsonNode.Parse("{\"n\": 1.5, \"s\": \"x\", \"b\": true, \"z\": null, \"l\": [1, {\"k\": false}]}");

        // Act
        var value = FeelValue.FromJson(node);

        // Assert
        var context = Assert.IsType<FeelContextValue>(value);
        Assert.Equal(["n", "s", "b", "z", "l"], context.Entries.Select(e => e.Key));
        Assert.Equal(new FeelNumber(1.5m), context.Entries[0].Value);
        Assert.Equal(new FeelString("x"), context.Entries[1].Value);
        Assert.Equal(FeelBoolean.True, context.Entries[2].Value);
        Assert.Equal(FeelNull.Instance, context.Entries[3].Value);
        Assert.Equal(new FeelList([new FeelNumber(1), new FeelContextValue([new("k", FeelBoolean.False)])]), context.Entries[4].Value);
    }

    [Fact]
    public void FromJson_ClrBackedValues_Converted()
    {
        // Arrange
        var node = new JsonObject
        {
            ["i"] = 42,
            ["d"] = 0.25,
            ["s"] = "t",
            ["t"] = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        };

        // Act
        var json = FeelValue.FromJson(node).ToJson()!.ToJsonString();

        // Assert
        Assert.Equal("{\"i\":42,\"d\":0.25,\"s\":\"t\",\"t\":\"2025-01-02T03:04:05Z\"}", json);
    }

    [Fact]
    public void FromJson_NumberBeyondDecimalRange_ThrowsFormatException()
    {
        // Act
        var exception = Assert.Throws<FormatException>(() => FeelValue.FromJson(JsonNode.Parse("1e400")));

        // Assert
        Assert.Contains("1e400", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ManySignificantDigits_RoundsToDecimal()
    {
        // Act
        var value = FeelValue.FromJson(JsonNode.Parse("0.123456789012345678901234567890123"));

        // Assert
        Assert.Equal(new FeelNumber(0.1234567890123456789012345679m), value);
    }

    [Theory]
    [InlineData("date(\"2025-01-02\")", "\"2025-01-02\"")]
    [InlineData("time(\"10:00:00+02:00\")", "\"10:00:00+02:00\"")]
    [InlineData("date and time(\"2025-01-02T10:00:00Z\")", "\"2025-01-02T10:00:00Z\"")]
    [InlineData("duration(\"P1DT2H\")", "\"P1DT2H\"")]
    [InlineData("duration(\"P1Y2M\")", "\"P1Y2M\"")]
    [InlineData("[1..5]", "\"[1..5]\"")]
    [InlineData("function(x) x", "null")]
    [InlineData("10 / 4", "2.5")]
    public void ToJson_Value_UsesIsoAndPlainForms(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Fact]
    public void Evaluate_JsonVariables_UsedByExpression()
    {
        // Arrange
        var variables = JsonNode.Parse("{\"order\": {\"total\": 120.5, \"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}}")!.AsObject();
        var expression = FeelExpression.Parse("order.total > 100 and count(order.items) = 2 and order.items[2].sku = \"b\"").Expression!;

        // Act
        var result = expression.Evaluate(FeelContext.FromJson(variables, Feel.Now));

        // Assert
        Assert.True(result.IsSuccess);
        Assert.Equal(FeelBoolean.True, result.Value);
    }

    [Fact]
    public void Evaluate_SameExpressionTwice_IndependentResults()
    {
        // Arrange
        var expression = FeelExpression.Parse("x * 2").Expression!;

        // Act
        var first = expression.Evaluate(new FeelContext(new Dictionary<string, FeelValue> { ["x"] = new FeelNumber(2) }, Feel.Now));
        var second = expression.Evaluate(new FeelContext(new Dictionary<string, FeelValue> { ["x"] = new FeelNumber(5) }, Feel.Now));

        // Assert
        Assert.Equal(new FeelNumber(4), first.Value);
        Assert.Equal(new FeelNumber(10), second.Value);
    }
}
