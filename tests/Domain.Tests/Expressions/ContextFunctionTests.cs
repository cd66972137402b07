namespace TaskFunctions.Domain.Tests.Expressions;

public class ContextFunctionTests
{
    [Theory]
    [InlineData("is defined(1)", "true")]
    [InlineData("is defined(null)", "false")]
    [InlineData("is defined(missing)", "false")]
    [InlineData("is defined(a.b)", "false")]
    [InlineData("get or else(\"x\", \"default\")", "\"x\"")]
    [InlineData("assert(5, 5 > 0)", "5")]
    [InlineData("get or else(null, \"default\")", "\"default\"")]
    [InlineData("get value({a: 1}, \"a\")", "1")]
    [InlineData("get value({a: 1}, \"b\")", "null")]
    [InlineData("get value(m: {a: {b: 2}}, key: [\"a\", \"b\"])", "2")]
    [InlineData("get entries({a: 1})", "[{\"key\":\"a\",\"value\":1}]")]
    [InlineData("context put({a: 1}, \"b\", 2)", "{\"a\":1,\"b\":2}")]
    [InlineData("context put({a: 1}, \"a\", 2)", "{\"a\":2}")]
    [InlineData("context put({a: {b: 1}}, [\"a\", \"c\"], 2)", "{\"a\":{\"b\":1,\"c\":2}}")]
    [InlineData("context merge([{a: 1}, {b: 2}, {a: 3}])", "{\"a\":3,\"b\":2}")]
    [InlineData("context([{key: \"a\", value: 1}])", "{\"a\":1}")]
    public void ContextFunction_Called_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression, "{\"a\": {\"c\": 1}}");

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    // Camunda extension seen in real input/output mappings: assert(value, condition[, cause]).
    [Theory]
    [InlineData("assert(x, x != null)", "{\"x\": 5}", "5")]
    [InlineData("assert(x, x > 3, \"x is too small\")", "{\"x\": 5}", "5")]
    public void Assert_ConditionHolds_ReturnsTheValue(string expression, string variables, string expectedJson)
    {
        Assert.Equal(expectedJson, Feel.Json(expression, variables));
    }

    [Theory]
    [InlineData("assert(x, x != null)", "the condition is not fulfilled")]
    [InlineData("assert(x, x != null, \"x is required\")", "x is required")]
    public void Assert_ConditionFails_FailsTheEvaluationWithTheCause(string expression, string cause)
    {
        Assert.Contains(cause, Feel.Failure(expression), StringComparison.Ordinal);
    }
}
