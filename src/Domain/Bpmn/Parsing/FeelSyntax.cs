using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>The one place where the BPMN parser hands expression text to the FEEL parser.</summary>
internal static class FeelSyntax
{
    /// <summary>Parses <paramref name="source"/> (without the leading <c>=</c>); on failure returns the reason with its position.</summary>
    public static BpmnExpression? Parse(string source, out string? error)
    {
        var result = FeelExpression.Parse(source);
        if (result.Expression is { } expression)
        {
            error = null;
            return new BpmnExpression(expression);
        }

        var syntax = result.Error!;
        error = $"{syntax.Message} (at position {syntax.Position}, line {syntax.Line}, column {syntax.Column} of the expression)";
        return null;
    }
}
