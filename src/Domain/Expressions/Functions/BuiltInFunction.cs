using TaskFunctions.Domain.Expressions.Evaluation;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>One overload of a built-in: its parameter names and how many of them must be given.</summary>
internal sealed record Overload(IReadOnlyList<string> Parameters, int Required, bool Variadic, Func<FeelCall, FeelValue> Body)
{
    public bool Accepts(int count) => count >= Required && (Variadic || count <= Parameters.Count);
}

/// <summary>A built-in FEEL function with one or more overloads told apart by argument count.</summary>
internal sealed class BuiltInFunction(string name)
{
    private readonly List<Overload> _overloads = [];

    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyList<string>> Signatures => _overloads.Select(o => o.Parameters).ToList();

    public void Add(Overload overload) => _overloads.Add(overload);

    public FeelValue Call(IReadOnlyList<FeelValue> arguments, Evaluator evaluator)
    {
        var overload = _overloads.FirstOrDefault(o => o.Accepts(arguments.Count))
            ?? throw new FeelEvaluationException(
                $"function '{Name}' does not take {arguments.Count} argument{(arguments.Count == 1 ? string.Empty : "s")}; " +
                $"expected {string.Join(" or ", _overloads.Select(Describe))}");
        return evaluator.ChargeFor(overload.Body(new FeelCall(arguments, evaluator)));
    }

    private string Describe(Overload overload) =>
        Name + "(" + string.Join(", ", overload.Parameters.Select((p, i) =>
            i >= overload.Required ? p + (overload.Variadic && i == overload.Parameters.Count - 1 ? "..." : "?") : p)) + ")";
}
