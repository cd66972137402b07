using System.Globalization;
using System.Text;

namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>Splits FEEL source text into tokens. Keywords are returned as names; the parser decides.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            i = SkipWhitespaceAndComments(source, i);
            if (i >= source.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, source.Length));
                return tokens;
            }

            var c = source[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                i = ReadNumber(source, i);
                tokens.Add(new Token(TokenKind.Number, source[start..i], start));
            }
            else if (c == '"')
            {
                tokens.Add(new Token(TokenKind.String, ReadString(source, ref i), start));
            }
            else if (c == '`')
            {
                var end = source.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw new FeelSyntaxException("unterminated `name`", start);
                }

                tokens.Add(new Token(TokenKind.Name, source[(i + 1)..end], start, Quoted: true));
                i = end + 1;
            }
            else if (IsNameStart(c))
            {
                i++;
                while (i < source.Length && IsNamePart(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, source[start..i], start));
            }
            else
            {
                var (kind, length) = ReadSymbol(source, i);
                tokens.Add(new Token(kind, source.Substring(i, length), start));
                i += length;
            }
        }
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '?' || c == '$';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private static int SkipWhitespaceAndComments(string source, int i)
    {
        while (i < source.Length)
        {
            if (char.IsWhiteSpace(source[i]))
            {
                i++;
            }
            else if (source.AsSpan(i).StartsWith("//"))
            {
                var end = source.IndexOf('\n', i);
                i = end < 0 ? source.Length : end + 1;
            }
            else if (source.AsSpan(i).StartsWith("/*"))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FeelSyntaxException("unterminated comment", i);
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadNumber(string source, int i)
    {
        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        // "1..5" is a range, so a dot only starts a fraction when a digit follows it.
        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        if (i < source.Length && (source[i] == 'e' || source[i] == 'E'))
        {
            var j = i + 1;
            if (j < source.Length && (source[j] == '+' || source[j] == '-'))
            {
                j++;
            }

            if (j < source.Length && char.IsAsciiDigit(source[j]))
            {
                i = j;
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static string ReadString(string source, ref int i)
    {
        var start = i;
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= source.Length)
            {
                throw new FeelSyntaxException("unterminated string literal", start);
            }

            var c = source[i];
            if (c == '"')
            {
                i++;
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= source.Length)
            {
                throw new FeelSyntaxException("unterminated string literal", start);
            }

            var escape = source[i + 1];
            i += 2;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\'': builder.Append('\''); break;
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    builder.Append(ReadUnicodeEscape(source, ref i, 4, start));
                    break;
                case 'U':
                    builder.Append(ReadUnicodeEscape(source, ref i, 6, start));
                    break;
                default:
                    throw new FeelSyntaxException($"unknown escape sequence '\\{escape}' in string", i - 2);
            }
        }
    }

    private static string ReadUnicodeEscape(string source, ref int i, int digits, int start)
    {
        if (i + digits > source.Length ||
            !int.TryParse(source.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
            code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF && digits == 6))
        {
            throw new FeelSyntaxException("invalid unicode escape in string", start);
        }

        i += digits;
        return code is >= 0xD800 and <= 0xDFFF ? ((char)code).ToString() : char.ConvertFromUtf32(code);
    }

    private static (TokenKind Kind, int Length) ReadSymbol(string source, int i)
    {
        var next = i + 1 < source.Length ? source[i + 1] : '\0';
        return source[i] switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' when next == '*' => (TokenKind.StarStar, 2),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '=' => (TokenKind.Equal, 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            '{' => (TokenKind.LeftBrace, 1),
            '}' => (TokenKind.RightBrace, 1),
            ',' => (TokenKind.Comma, 1),
            '.' when next == '.' => (TokenKind.DotDot, 2),
            '.' => (TokenKind.Dot, 1),
            ':' => (TokenKind.Colon, 1),
            '@' => (TokenKind.At, 1),
            _ => throw new FeelSyntaxException($"unexpected character '{source[i]}'", i),
        };
    }
}
