namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>The kinds of lexical tokens in a FEEL expression.</summary>
internal enum TokenKind
{
    End,
    Number,
    String,
    Name,
    Plus,
    Minus,
    Star,
    StarStar,
    Slash,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Dot,
    DotDot,
    Colon,
    At,
}
