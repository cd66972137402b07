namespace TaskFunctions.Domain.Expressions;

/// <summary>The outcome of <see cref="FeelExpression.Parse"/>: an expression or a syntax error.</summary>
public sealed record FeelParseResult(FeelExpression? Expression, FeelSyntaxError? Error)
{
    public bool IsSuccess => Expression is not null;
}
