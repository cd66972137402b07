using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

/// <summary>Test helpers: parse and evaluate in one step, against a fixed clock.</summary>
internal static class Feel
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(1));

    public static FeelEvaluationResult Run(string expression, string? variablesJson = null)
    {
        var parsed = FeelExpression.Parse(expression);
        Assert.True(parsed.IsSuccess, $"'{expression}' did not parse: {parsed.Error}");
        var variables = variablesJson is null ? null : JsonNode.Parse(variablesJson)!.AsObject();
        return parsed.Expression!.Evaluate(FeelContext.FromJson(variables, Now));
    }

    /// <summary>Evaluates and returns the value as compact JSON, failing the test on an evaluation failure.</summary>
    public static string Json(string expression, string? variablesJson = null)
    {
        var result = Run(expression, variablesJson);
        Assert.True(result.IsSuccess, $"'{expression}' failed: {result.Failure}");
        return result.Value.ToJson()?.ToJsonString(Readable) ?? "null";
    }

    /// <summary>Evaluates and returns the value as FEEL's string() renders it.</summary>
    public static string Text(string expression, string? variablesJson = null)
    {
        var result = Run(expression, variablesJson);
        Assert.True(result.IsSuccess, $"'{expression}' failed: {result.Failure}");
        return result.Value.ToString();
    }

    public static string Failure(string expression)
    {
        var result = Run(expression);
        Assert.False(result.IsSuccess, $"'{expression}' should fail but returned {result.Value}");
        return result.Failure!;
    }

    public static FeelSyntaxError SyntaxError(string expression)
    {
        var parsed = FeelExpression.Parse(expression);
        Assert.False(parsed.IsSuccess, $"'{expression}' should not parse");
        return parsed.Error!;
    }
}
