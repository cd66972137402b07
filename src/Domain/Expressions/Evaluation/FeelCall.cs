namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>The arguments of one function invocation, with access to the running evaluation.</summary>
internal sealed class FeelCall(IReadOnlyList<FeelValue> arguments, Evaluator evaluator)
{
    public IReadOnlyList<FeelValue> Arguments { get; } = arguments;

    public int Count => Arguments.Count;

    public Evaluator Evaluator { get; } = evaluator;

    public DateTimeOffset Now => Evaluator.Now;

    public Random Random => Evaluator.Random;

    /// <summary>The argument at <paramref name="index"/>, or null when it was not given.</summary>
    public FeelValue this[int index] => index < Arguments.Count ? Arguments[index] : FeelNull.Instance;
}
