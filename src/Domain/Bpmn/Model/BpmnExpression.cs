using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A FEEL expression from the BPMN file (written with a leading <c>=</c>), parsed once at deploy time so that syntax
/// errors are deploy problems and the interpreter only evaluates.
/// </summary>
public sealed record BpmnExpression
{
    public BpmnExpression(FeelExpression parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        Parsed = parsed;
    }

    /// <summary>The FEEL text without the leading <c>=</c>.</summary>
    public string Source => Parsed.Source;

    /// <summary>The parsed expression, ready to evaluate.</summary>
    public FeelExpression Parsed { get; }

    /// <summary>The text as written in the file, with the leading <c>=</c>.</summary>
    public string Text => "=" + Source;

    // Stands in for an expression that was reported as a problem; a model holding it is never returned to callers.
    internal static BpmnExpression Placeholder { get; } = new(FeelExpression.Parse("null").Expression!);

    public bool Equals(BpmnExpression? other) => other is not null && string.Equals(Source, other.Source, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Source);

    public override string ToString() => Text;
}
