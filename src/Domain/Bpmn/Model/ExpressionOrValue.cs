namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A property that Camunda lets the modeller write either as a static value or as a FEEL expression
/// (text starting with <c>=</c>) that the engine evaluates when the element is activated.
/// </summary>
/// <typeparam name="T">The type of the static value, already validated at deploy time.</typeparam>
public sealed record ExpressionOrValue<T>
{
    private readonly T _value;

    private ExpressionOrValue(T value, BpmnExpression? expression, string text)
    {
        _value = value;
        Expression = expression;
        Text = text;
    }

    /// <summary>The FEEL expression, or null for a static value.</summary>
    public BpmnExpression? Expression { get; }

    /// <summary>The attribute text exactly as written in the file.</summary>
    public string Text { get; }

    public bool IsExpression => Expression is not null;

    /// <summary>The static value. Only meaningful when <see cref="IsExpression"/> is false.</summary>
    public T Value => Expression is null
        ? _value
        : throw new InvalidOperationException($"'{Text}' is an expression; evaluate it instead of reading a static value.");

    public static ExpressionOrValue<T> Static(T value, string text) => new(value, null, text);

    public static ExpressionOrValue<T> Feel(BpmnExpression expression) => new(default!, expression, expression.Text);

    public override string ToString() => Text;
}
