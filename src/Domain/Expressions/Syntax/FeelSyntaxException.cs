namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>Raised inside the lexer and parser; <see cref="FeelExpression.Parse"/> turns it into a result.</summary>
internal sealed class FeelSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
