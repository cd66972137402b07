namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// Why an expression could not be parsed. <paramref name="Position"/> is the 0-based character offset;
/// <paramref name="Line"/> and <paramref name="Column"/> are 1-based.
/// </summary>
public sealed record FeelSyntaxError(string Message, int Position, int Line, int Column);
