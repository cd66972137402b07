using System.Globalization;
using System.Runtime.CompilerServices;

namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser from tokens to the syntax tree. Precedence, lowest first: textual expressions
/// (<c>if</c>, <c>for</c>, <c>some</c>, <c>every</c>, <c>function</c>), <c>or</c>, <c>and</c>, comparison /
/// <c>between</c> / <c>in</c> / <c>instance of</c>, <c>+ -</c>, <c>* /</c>, <c>**</c>, unary minus, postfix
/// (path, filter, call).
/// </summary>
internal sealed class Parser
{
    /// <summary>Bounds nesting so hostile input fails with a syntax error instead of exhausting the stack.</summary>
    public const int MaxDepth = 256;

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "then", "else", "return", "satisfies", "in", "and", "or", "between", "instance", "of",
    };

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;
    private int _partialReferences;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private Token Current => _tokens[_index];

    public static Node Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var node = parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected("end of expression");
        }

        return node;
    }

    private Token Peek(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index++];

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new FeelSyntaxException($"expression is nested more than {MaxDepth} levels deep", Current.Position);
        }

        // The depth limit suffices on ordinary stacks; this protects callers running on unusually small ones.
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private FeelSyntaxException Unexpected(string expected)
    {
        if (UnknownMultiWordFunction() is { } unknown)
        {
            return new FeelSyntaxException($"no function named '{unknown.Name}'", unknown.Position);
        }

        var found = Current.Kind == TokenKind.End ? "end of expression" : $"'{Current.Text}'";
        return new FeelSyntaxException($"expected {expected} but found {found}", Current.Position);
    }

    // "string lenght(x)" reads as the name "string" followed by stray words; when a run of plain words ends in
    // "(", the author almost certainly meant a function with a space in its name, so say that instead.
    private (string Name, int Position)? UnknownMultiWordFunction()
    {
        if (Current.Kind != TokenKind.Name || Current.Quoted || _index == 0 || _tokens[_index - 1].Kind != TokenKind.Name)
        {
            return null;
        }

        var first = _index - 1;
        while (first > 0 && _tokens[first - 1].Kind == TokenKind.Name && !_tokens[first - 1].Quoted)
        {
            first--;
        }

        var last = _index;
        while (_tokens[last + 1].Kind == TokenKind.Name && !_tokens[last + 1].Quoted)
        {
            last++;
        }

        if (_tokens[last + 1].Kind != TokenKind.LeftParen)
        {
            return null;
        }

        var words = _tokens.Skip(first).Take(last - first + 1).Select(t => t.Text);
        return (string.Join(' ', words), _tokens[first].Position);
    }

    private Token Expect(TokenKind kind, string description)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(description);
        }

        return Advance();
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsWord(word))
        {
            throw Unexpected($"'{word}'");
        }

        Advance();
    }

    private Node ParseExpression()
    {
        Enter();
        var node = ParseOr();
        _depth--;
        return node;
    }

    // Operator chains build left-deep trees, so each link counts as a nesting level too.
    private Node ParseLeftAssociative(Func<Node> operand, Func<Node, Node?> link)
    {
        var saved = _depth;
        var left = operand();
        while (link(left) is { } combined)
        {
            Enter();
            left = combined;
        }

        _depth = saved;
        return left;
    }

    private Node ParseOr() => ParseLeftAssociative(ParseAnd, left =>
    {
        if (!Current.IsWord("or"))
        {
            return null;
        }

        var position = Advance().Position;
        return new LogicalNode(false, left, ParseAnd(), position);
    });

    private Node ParseAnd() => ParseLeftAssociative(ParseComparison, left =>
    {
        if (!Current.IsWord("and"))
        {
            return null;
        }

        var position = Advance().Position;
        return new LogicalNode(true, left, ParseComparison(), position);
    });

    private Node ParseComparison() => ParseLeftAssociative(ParseAdditive, left =>
    {
        var token = Current;
        if (ComparisonOperator(token.Kind) is { } op)
        {
            Advance();
            return new BinaryNode(op, left, ParseAdditive(), token.Position);
        }

        if (token.IsWord("between"))
        {
            Advance();
            var low = ParseAdditive();
            ExpectWord("and");
            return new BetweenNode(left, low, ParseAdditive(), token.Position);
        }

        if (token.IsWord("in"))
        {
            Advance();
            return new InNode(left, ParsePositiveUnaryTests(), token.Position);
        }

        if (token.IsWord("instance") && Peek(1).IsWord("of"))
        {
            _index += 2;
            return new InstanceOfNode(left, ParseTypeName(), token.Position);
        }

        return null;
    });

    private Node ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, left =>
    {
        var token = Current;
        var op = token.Kind switch
        {
            TokenKind.Plus => BinaryOperator.Add,
            TokenKind.Minus => BinaryOperator.Subtract,
            _ => (BinaryOperator?)null,
        };
        if (op is null)
        {
            return null;
        }

        Advance();
        return new BinaryNode(op.Value, left, ParseMultiplicative(), token.Position);
    });

    private Node ParseMultiplicative() => ParseLeftAssociative(ParsePower, left =>
    {
        var token = Current;
        var op = token.Kind switch
        {
            TokenKind.Star => BinaryOperator.Multiply,
            TokenKind.Slash => BinaryOperator.Divide,
            _ => (BinaryOperator?)null,
        };
        if (op is null)
        {
            return null;
        }

        Advance();
        return new BinaryNode(op.Value, left, ParsePower(), token.Position);
    });

    private Node ParsePower() => ParseLeftAssociative(ParseUnary, left =>
    {
        if (Current.Kind != TokenKind.StarStar)
        {
            return null;
        }

        var position = Advance().Position;
        return new BinaryNode(BinaryOperator.Power, left, ParseUnary(), position);
    });

    // Unary minus binds tighter than "**", as in Camunda and feelin: -2 ** 2 = 4.
    private Node ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        Enter();
        var position = Advance().Position;
        var operand = ParseUnary();
        _depth--;
        return operand is LiteralNode { Value: FeelNumber number }
            ? new LiteralNode(new FeelNumber(-number.Value), position)
            : new NegateNode(operand, position);
    }

    private Node ParsePostfix() => ParseLeftAssociative(ParsePrimary, target =>
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Dot:
                Advance();
                var name = Expect(TokenKind.Name, "a name after '.'").Text;
                if (name == "time" && Current.IsWord("offset"))
                {
                    Advance();
                    name = "time offset";
                }

                return new PathNode(target, name, token.Position);
            case TokenKind.LeftBracket when Peek(1).Kind is TokenKind.End or TokenKind.RightParen or TokenKind.Comma
                or TokenKind.RightBracket or TokenKind.RightBrace:
                // Not a filter: the "[" closes a range that excludes its end, as in "[1..5[".
                return null;
            case TokenKind.LeftBracket:
                Advance();
                var condition = ParseExpression();
                Expect(TokenKind.RightBracket, "']'");
                return new FilterNode(target, condition, token.Position);
            case TokenKind.LeftParen:
                return new CallNode(target, ParseArguments(), token.Position);
            default:
                return null;
        }
    });

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new FeelSyntaxException($"number {token.Text} is out of range", token.Position);
                }

                return new LiteralNode(new FeelNumber(number), token.Position);
            case TokenKind.String:
                Advance();
                return new LiteralNode(new FeelString(token.Text), token.Position);
            case TokenKind.At:
                Advance();
                var text = Expect(TokenKind.String, "a string after '@'");
                var temporal = TemporalParser.ParseLiteral(text.Text)
                    ?? throw new FeelSyntaxException($"'{text.Text}' is not a valid date, time or duration", text.Position);
                return new LiteralNode(temporal, token.Position);
            case TokenKind.Name:
                return ParseNamePrimary();
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.LeftBracket:
                return ParseBracket();
            case TokenKind.RightBracket:
                Advance();
                return ParseRangeRest(ParseExpression(), startIncluded: false, token.Position);
            case TokenKind.LeftBrace:
                return ParseContext();
            default:
                throw Unexpected("an expression");
        }
    }

    private Node ParseNamePrimary()
    {
        var token = Current;
        if (!token.Quoted)
        {
            switch (token.Text)
            {
                case "true":
                    Advance();
                    return new LiteralNode(FeelBoolean.True, token.Position);
                case "false":
                    Advance();
                    return new LiteralNode(FeelBoolean.False, token.Position);
                case "null":
                    Advance();
                    return new LiteralNode(FeelNull.Instance, token.Position);
                case "if":
                    return ParseIf();
                case "for":
                    return ParseFor();
                case "some":
                case "every":
                    return ParseQuantified();
                case "function" when Peek(1).Kind == TokenKind.LeftParen:
                    return ParseFunctionDefinition();
            }

            if (ReservedWords.Contains(token.Text))
            {
                throw Unexpected("an expression");
            }

            if (MatchMultiWordFunctionName() is { } multiWord)
            {
                return new NameNode(multiWord, token.Position);
            }
        }

        Advance();
        if (token.Text == "partial")
        {
            _partialReferences++;
        }

        return new NameNode(token.Text, token.Position);
    }

    // Built-in names such as "date and time" contain spaces and even keywords; they are recognised only when
    // the words are directly followed by "(", so a variable named "date" keeps working elsewhere.
    private string? MatchMultiWordFunctionName()
    {
        foreach (var words in KnownNames.MultiWordFunctions)
        {
            var matches = true;
            for (var i = 0; i < words.Length && matches; i++)
            {
                matches = Peek(i).IsWord(words[i]);
            }

            if (matches && Peek(words.Length).Kind == TokenKind.LeftParen)
            {
                _index += words.Length;
                return string.Join(' ', words);
            }
        }

        return null;
    }

    private string ParseTypeName()
    {
        foreach (var words in KnownNames.MultiWordTypes)
        {
            var matches = true;
            for (var i = 0; i < words.Length && matches; i++)
            {
                matches = Peek(i).IsWord(words[i]);
            }

            if (matches)
            {
                _index += words.Length;
                return string.Join(' ', words);
            }
        }

        return Expect(TokenKind.Name, "a type name").Text;
    }

    private Node ParseIf()
    {
        var position = Advance().Position;
        var condition = ParseExpression();
        ExpectWord("then");
        var then = ParseExpression();
        ExpectWord("else");
        return new IfNode(condition, then, ParseExpression(), position);
    }

    private Node ParseFor()
    {
        var position = Advance().Position;
        var iterations = ParseIterations();
        ExpectWord("return");
        var partialsBefore = _partialReferences;
        var body = ParseExpression();
        return new ForNode(iterations, body, _partialReferences > partialsBefore, position);
    }

    private Node ParseQuantified()
    {
        var token = Advance();
        var iterations = ParseIterations();
        ExpectWord("satisfies");
        return new QuantifiedNode(token.Text == "every", iterations, ParseExpression(), token.Position);
    }

    private List<Iteration> ParseIterations()
    {
        var iterations = new List<Iteration>();
        do
        {
            if (iterations.Count > 0)
            {
                Advance();
            }

            var name = Expect(TokenKind.Name, "a variable name").Text;
            ExpectWord("in");
            var domain = ParseExpression();
            Node? end = null;
            if (Current.Kind == TokenKind.DotDot)
            {
                Advance();
                end = ParseExpression();
            }

            iterations.Add(new Iteration(name, domain, end));
        }
        while (Current.Kind == TokenKind.Comma);

        return iterations;
    }

    private Node ParseFunctionDefinition()
    {
        var position = Advance().Position;
        Advance();
        var parameters = new List<string>();
        while (Current.Kind != TokenKind.RightParen)
        {
            if (parameters.Count > 0)
            {
                Expect(TokenKind.Comma, "',' or ')'");
            }

            parameters.Add(Expect(TokenKind.Name, "a parameter name").Text);
            if (Current.Kind == TokenKind.Colon)
            {
                // Parameter types are documentation only here; evaluation is dynamically typed.
                Advance();
                ParseTypeName();
            }
        }

        Advance();
        return new FunctionNode(parameters, ParseExpression(), position);
    }

    private List<Argument> ParseArguments()
    {
        Advance();
        var arguments = new List<Argument>();
        while (Current.Kind != TokenKind.RightParen)
        {
            if (arguments.Count > 0)
            {
                Expect(TokenKind.Comma, "',' or ')'");
            }

            var position = Current.Position;
            var name = TryParseEntryName(allowString: false);
            if (arguments.Count > 0 && (name is null) != (arguments[0].Name is null))
            {
                throw new FeelSyntaxException("positional and named arguments cannot be mixed", position);
            }

            arguments.Add(new Argument(name, ParseExpression()));
        }

        Advance();
        return arguments;
    }

    // Reads "some name words:" (or, in contexts, "\"key\":") when it is followed by a colon.
    private string? TryParseEntryName(bool allowString)
    {
        if (allowString && Current.Kind == TokenKind.String && Peek(1).Kind == TokenKind.Colon)
        {
            var key = Advance().Text;
            Advance();
            return key;
        }

        var count = 0;
        while (Peek(count).Kind == TokenKind.Name)
        {
            count++;
        }

        if (count == 0 || Peek(count).Kind != TokenKind.Colon)
        {
            return null;
        }

        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Advance().Text;
        }

        Advance();
        return string.Join(' ', words);
    }

    private Node ParseContext()
    {
        var position = Advance().Position;
        var entries = new List<KeyValuePair<string, Node>>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            if (entries.Count > 0)
            {
                Expect(TokenKind.Comma, "',' or '}'");
            }

            var key = TryParseEntryName(allowString: true) ?? throw Unexpected("a context key followed by ':'");
            entries.Add(new(key, ParseExpression()));
        }

        Advance();
        return new ContextNode(entries, position);
    }

    private Node ParseParenthesized()
    {
        var position = Advance().Position;
        var inner = ParseExpression();
        if (Current.Kind == TokenKind.DotDot)
        {
            return ParseRangeRest(inner, startIncluded: false, position);
        }

        Expect(TokenKind.RightParen, "')'");
        return inner;
    }

    private Node ParseBracket()
    {
        var position = Advance().Position;
        var items = new List<Node>();
        while (Current.Kind != TokenKind.RightBracket)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma, "',' or ']'");
            }

            items.Add(ParseExpression());
            if (items.Count == 1 && Current.Kind == TokenKind.DotDot)
            {
                return ParseRangeRest(items[0], startIncluded: true, position);
            }
        }

        Advance();
        return new ListNode(items, position);
    }

    private Node ParseRangeRest(Node start, bool startIncluded, int position)
    {
        Expect(TokenKind.DotDot, "'..'");
        var end = ParseExpression();
        var endIncluded = Current.Kind switch
        {
            TokenKind.RightBracket => true,
            TokenKind.RightParen or TokenKind.LeftBracket => false,
            _ => throw Unexpected("']', ')' or '[' to close the range"),
        };
        Advance();
        return new RangeNode(start, startIncluded, end, endIncluded, position);
    }

    private List<UnaryTest> ParsePositiveUnaryTests()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            // "(1, 2, 3)" lists alternatives; "(1..5)" and "(a + b)" are single tests. Try the list first.
            var savedIndex = _index;
            var savedDepth = _depth;
            Advance();
            var first = ParseUnaryTest();
            if (Current.Kind == TokenKind.Comma)
            {
                var tests = new List<UnaryTest> { first };
                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    tests.Add(ParseUnaryTest());
                }

                Expect(TokenKind.RightParen, "')'");
                return tests;
            }

            _index = savedIndex;
            _depth = savedDepth;
        }

        return [ParseUnaryTest()];
    }

    private UnaryTest ParseUnaryTest()
    {
        if (ComparisonOperator(Current.Kind) is { } op)
        {
            Advance();
            return new ComparisonTest(op, ParseAdditive());
        }

        return new ExpressionTest(ParseAdditive());
    }

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };
}
