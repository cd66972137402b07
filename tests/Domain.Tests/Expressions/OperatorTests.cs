namespace TaskFunctions.Domain.Tests.Expressions;

public class OperatorTests
{
    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("5 - 7", "-2")]
    [InlineData("3 * 4", "12")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2 ** -1", "0.5")]
    [InlineData("2 ** 3 ** 2", "64")]
    [InlineData("2 ** 0.5", "1.4142135623730951")]
    [InlineData("(-8) ** 0.5", "null")]
    [InlineData("10 ** 30", "null")]
    [InlineData("-2 ** 2", "4")]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("- (1 + 2)", "-3")]
    [InlineData("\"foo\" + \"bar\"", "\"foobar\"")]
    [InlineData("10 / 0", "null")]
    [InlineData("1 + null", "null")]
    [InlineData("\"a\" + 1", "null")]
    [InlineData("79228162514264337593543950335 + 1", "null")]
    public void Arithmetic_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("1 = 1", "true")]
    [InlineData("1 = 1.0", "true")]
    [InlineData("1 != 2", "true")]
    [InlineData("1 < 2", "true")]
    [InlineData("2 <= 2", "true")]
    [InlineData("3 > 2", "true")]
    [InlineData("2 >= 3", "false")]
    [InlineData("\"a\" < \"b\"", "true")]
    [InlineData("null = null", "true")]
    [InlineData("1 = null", "false")]
    [InlineData("null != 1", "true")]
    [InlineData("x = null", "true")]
    [InlineData("1 < null", "null")]
    [InlineData("1 = \"1\"", "null")]
    [InlineData("true < false", "null")]
    [InlineData("[1, 2] = [1, 2]", "true")]
    [InlineData("{a: 1, b: 2} = {b: 2, a: 1}", "true")]
    [InlineData("date(\"2025-01-01\") < date(\"2025-01-02\")", "true")]
    public void Comparison_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("true and true", "true")]
    [InlineData("true and false", "false")]
    [InlineData("false and null", "false")]
    [InlineData("null and false", "false")]
    [InlineData("true and null", "null")]
    [InlineData("true and 1", "null")]
    [InlineData("false or true", "true")]
    [InlineData("null or true", "true")]
    [InlineData("false or null", "null")]
    [InlineData("false or false", "false")]
    [InlineData("not(true)", "false")]
    [InlineData("not(null)", "null")]
    [InlineData("not(1)", "null")]
    public void Logic_ThreeValued_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("5 between 1 and 10", "true")]
    [InlineData("1 between 1 and 10", "true")]
    [InlineData("11 between 1 and 10", "false")]
    [InlineData("5 between 1 and 10 and true", "true")]
    [InlineData("\"b\" between \"a\" and \"c\"", "true")]
    [InlineData("null between 1 and 2", "null")]
    [InlineData("3 in [1..5]", "true")]
    [InlineData("5 in [1..5)", "false")]
    [InlineData("1 in (1..5]", "false")]
    [InlineData("5 in ]1..5]", "true")]
    [InlineData("5 in [1..5[", "false")]
    [InlineData("1 in ]1..5[", "false")]
    [InlineData("2 in (]1..5[, 9)", "true")]
    [InlineData("2 in (1, 2, 3)", "true")]
    [InlineData("4 in (1, 2, 3)", "false")]
    [InlineData("6 in > 5", "true")]
    [InlineData("5 in > 5", "false")]
    [InlineData("5 in (< 3, >= 5)", "true")]
    [InlineData("2 in [1, 2]", "true")]
    [InlineData("[1] in [[1], [2]]", "true")]
    [InlineData("[1, 2] in [1, 2]", "true")]
    [InlineData("\"b\" in (\"a\", \"b\")", "true")]
    [InlineData("3 in 3", "true")]
    [InlineData("3 in (? > 2)", "true")]
    [InlineData("(1 + 2) in (3)", "true")]
    [InlineData("x in (1, 2)", "false")]
    public void Membership_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("if true then 1 else 2", "1")]
    [InlineData("if false then 1 else 2", "2")]
    [InlineData("if null then 1 else 2", "2")]
    [InlineData("if 1 then 1 else 2", "2")]
    [InlineData("1 + if true then 1 else 2", "2")]
    [InlineData("for x in [1, 2, 3] return x * 2", "[2,4,6]")]
    [InlineData("for i in 1..3 return i", "[1,2,3]")]
    [InlineData("for i in 3..1 return i", "[3,2,1]")]
    [InlineData("for i in [1..3] return i", "[1,2,3]")]
    [InlineData("for x in [1, 2], y in [10, 20] return x + y", "[11,21,12,22]")]
    [InlineData("for x in [] return x", "[]")]
    [InlineData("for i in 1..4 return if i = 1 then 1 else i + partial[-1]", "[1,3,6,10]")]
    [InlineData("for x in null return x", "null")]
    [InlineData("some x in [1, 2] satisfies x > 1", "true")]
    [InlineData("some x in [1, 2] satisfies x > 2", "false")]
    [InlineData("every x in [1, 2] satisfies x > 0", "true")]
    [InlineData("every x in [1, 2] satisfies x > 1", "false")]
    [InlineData("every x in [] satisfies false", "true")]
    [InlineData("some x in [1, 2], y in [2, 3] satisfies x = y", "true")]
    public void ControlFlow_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("[1, 2, 3][item > 1]", "[2,3]")]
    [InlineData("[1, 2, 3][1]", "1")]
    [InlineData("[1, 2, 3][-1]", "3")]
    [InlineData("[1, 2, 3][0]", "null")]
    [InlineData("[1, 2, 3][4]", "null")]
    [InlineData("[1, 2, 3][x]", "3")]
    [InlineData("items[price > 10].name", "[\"b\"]")]
    [InlineData("items[item.price > 10].name", "[\"b\"]")]
    [InlineData("items[price > 100]", "[]")]
    [InlineData("5[item > 1]", "[5]")]
    public void Filter_Evaluated_FollowsFeel(string expression, string expectedJson)
    {
        var variables = "{\"x\": 3, \"items\": [{\"name\": \"a\", \"price\": 5}, {\"name\": \"b\", \"price\": 20}]}";
        // Act
        var actual = Feel.Json(expression, variables);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("5 instance of number", "true")]
    [InlineData("\"a\" instance of string", "true")]
    [InlineData("@\"2025-01-01T00:00:00\" instance of date and time", "true")]
    [InlineData("@\"P1D\" instance of days and time duration", "true")]
    [InlineData("null instance of number", "false")]
    public void InstanceOf_Evaluated_ChecksType(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("(function(x, y) x + y)(1, 2)", "3")]
    [InlineData("{add: function(a, b) a + b, r: add(2, 3)}.r", "5")]
    [InlineData("{f: function(x: number) x * 2, r: f(x: 4)}.r", "8")]
    public void FunctionDefinition_Invoked_ReturnsBody(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }
}
