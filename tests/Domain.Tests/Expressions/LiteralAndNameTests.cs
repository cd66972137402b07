namespace TaskFunctions.Domain.Tests.Expressions;

public class LiteralAndNameTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("-1.5", "-1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1.50", "1.5")]
    [InlineData("\"a\\\"b\\\\c\\n\"", "\"a\\\"b\\\\c\\n\"")]
    [InlineData("\"\\u00e9\"", "\"é\"")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("[1, \"x\", null]", "[1,\"x\",null]")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    public void Literal_Evaluated_ReturnsValue(string expression, string expectedJson)
    {
        // Act
        var json = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, json);
    }

    [Fact]
    public void Name_Missing_IsNull()
    {
        // Act
        var json = Feel.Json("unknown");

        // Assert
        Assert.Equal("null", json);
    }

    [Theory]
    [InlineData("amount", "{\"amount\": 42}", "42")]
    [InlineData("book.author", "{\"book\": {\"author\": \"Tolkien\"}}", "\"Tolkien\"")]
    [InlineData("x.y.z", "{\"x\": {\"y\": {\"z\": true}}}", "true")]
    [InlineData("x.y.missing", "{\"x\": {\"y\": {\"z\": true}}}", "null")]
    [InlineData("orders.id", "{\"orders\": [{\"id\": 1}, {\"id\": 2}]}", "[1,2]")]
    [InlineData("`first name`", "{\"first name\": \"Ada\"}", "\"Ada\"")]
    [InlineData("date", "{\"date\": 5}", "5")]
    public void Name_WithVariables_ResolvesPath(string expression, string variables, string expectedJson)
    {
        // Act
        var json = Feel.Json(expression, variables);

        // Assert
        Assert.Equal(expectedJson, json);
    }

    [Fact]
    public void Context_EntriesReferToEarlierEntries_Resolved()
    {
        // Act
        var json = Feel.Json("{a: 1, \"b c\": 2, nested: {x: a + 1}, sum: a + `b c`}");

        // Assert
        Assert.Equal("{\"a\":1,\"b c\":2,\"nested\":{\"x\":2},\"sum\":3}", json);
    }

    [Fact]
    public void Context_MultiWordKey_Allowed()
    {
        // Act
        var json = Feel.Json("{first name: \"Ada\"}");

        // Assert
        Assert.Equal("{\"first name\":\"Ada\"}", json);
    }

    [Theory]
    [InlineData("@\"2025-01-01\"", "date")]
    [InlineData("@\"10:00:00\"", "time")]
    [InlineData("@\"2025-01-01T10:00:00Z\"", "date and time")]
    [InlineData("@\"P1DT2H\"", "days and time duration")]
    [InlineData("@\"P1Y2M\"", "years and months duration")]
    public void TemporalLiteral_ByShape_HasType(string expression, string typeName)
    {
        // Act
        var result = Feel.Run(expression);

        // Assert
        Assert.Equal(typeName, result.Value.TypeName);
    }
}
