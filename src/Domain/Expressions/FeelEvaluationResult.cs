namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// The outcome of evaluating an expression: a value, or a failure message that is safe to show a user.
/// On failure <see cref="Value"/> is <see cref="FeelNull.Instance"/>.
/// </summary>
public sealed record FeelEvaluationResult(FeelValue Value, string? Failure)
{
    public bool IsSuccess => Failure is null;
}
