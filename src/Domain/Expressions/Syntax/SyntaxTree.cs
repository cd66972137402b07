namespace TaskFunctions.Domain.Expressions.Syntax;

// The immutable syntax tree of a FEEL expression. The node kinds are small and only meaningful together,
// so they share one file. Position is the 0-based offset of the node's first token.

/// <summary>Base of all syntax tree nodes.</summary>
internal abstract record Node(int Position);

/// <summary>A literal whose value is fixed at parse time (number, string, boolean, null, temporal).</summary>
internal sealed record LiteralNode(FeelValue Value, int Position) : Node(Position);

/// <summary>A variable or built-in function referenced by name.</summary>
internal sealed record NameNode(string Name, int Position) : Node(Position);

/// <summary><c>target.name</c>: a context entry, a temporal property, or a projection over a list.</summary>
internal sealed record PathNode(Node Target, string Name, int Position) : Node(Position);

/// <summary><c>target[condition]</c>: a filter or a 1-based (negative from the end) index.</summary>
internal sealed record FilterNode(Node Target, Node Condition, int Position) : Node(Position);

/// <summary>One call argument; <see cref="Name"/> is set for named arguments.</summary>
internal sealed record Argument(string? Name, Node Value);

/// <summary>A function invocation.</summary>
internal sealed record CallNode(Node Callee, IReadOnlyList<Argument> Arguments, int Position) : Node(Position);

/// <summary>Unary minus.</summary>
internal sealed record NegateNode(Node Operand, int Position) : Node(Position);

/// <summary>Arithmetic and comparison operators.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>An arithmetic or comparison operation.</summary>
internal sealed record BinaryNode(BinaryOperator Operator, Node Left, Node Right, int Position) : Node(Position);

/// <summary>Three-valued <c>and</c> / <c>or</c>.</summary>
internal sealed record LogicalNode(bool IsAnd, Node Left, Node Right, int Position) : Node(Position);

/// <summary><c>value between low and high</c>.</summary>
internal sealed record BetweenNode(Node Value, Node Low, Node High, int Position) : Node(Position);

/// <summary><c>value in tests</c>, true when any test matches.</summary>
internal sealed record InNode(Node Value, IReadOnlyList<UnaryTest> Tests, int Position) : Node(Position);

/// <summary>A positive unary test as used after <c>in</c>.</summary>
internal abstract record UnaryTest;

/// <summary>A test such as <c>&gt; 5</c>.</summary>
internal sealed record ComparisonTest(BinaryOperator Operator, Node Operand) : UnaryTest;

/// <summary>A test given as an expression: a range, a list, a value, or a boolean using <c>?</c>.</summary>
internal sealed record ExpressionTest(Node Expression) : UnaryTest;

/// <summary><c>if condition then a else b</c>.</summary>
internal sealed record IfNode(Node Condition, Node Then, Node Else, int Position) : Node(Position);

/// <summary>One <c>name in domain</c> (or <c>name in start..end</c>) iteration context.</summary>
internal sealed record Iteration(string Name, Node Domain, Node? RangeEnd);

/// <summary>
/// <c>for x in xs, y in ys return body</c>. <see cref="UsesPartial"/> records whether the body mentions
/// <c>partial</c> (the results so far), so loops that do not pay nothing for it.
/// </summary>
internal sealed record ForNode(IReadOnlyList<Iteration> Iterations, Node Body, bool UsesPartial, int Position)
    : Node(Position);

/// <summary><c>some</c> / <c>every</c> ... <c>satisfies</c>.</summary>
internal sealed record QuantifiedNode(bool IsEvery, IReadOnlyList<Iteration> Iterations, Node Condition, int Position)
    : Node(Position);

/// <summary><c>[a, b, c]</c>.</summary>
internal sealed record ListNode(IReadOnlyList<Node> Items, int Position) : Node(Position);

/// <summary><c>{key: value, ...}</c>; later entries may refer to earlier ones.</summary>
internal sealed record ContextNode(IReadOnlyList<KeyValuePair<string, Node>> Entries, int Position) : Node(Position);

/// <summary><c>[a..b]</c>, <c>(a..b)</c>, <c>]a..b[</c> and mixed forms.</summary>
internal sealed record RangeNode(Node Start, bool StartIncluded, Node End, bool EndIncluded, int Position)
    : Node(Position);

/// <summary><c>function(a, b) body</c>.</summary>
internal sealed record FunctionNode(IReadOnlyList<string> Parameters, Node Body, int Position) : Node(Position);

/// <summary><c>value instance of type</c>.</summary>
internal sealed record InstanceOfNode(Node Value, string TypeName, int Position) : Node(Position);
