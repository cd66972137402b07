namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>
/// One lexical token. <see cref="Quoted"/> marks a backtick name, which is never read as a keyword.
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, int Position, bool Quoted = false)
{
    public bool IsWord(string word) => Kind == TokenKind.Name && !Quoted && Text == word;
}
