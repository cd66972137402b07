using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// A function as a value: a built-in referenced by name or a <c>function(a, b) ...</c> definition.
/// Functions have no JSON form and convert to <c>null</c>.
/// </summary>
public sealed record FeelFunction : FeelValue
{
    internal FeelFunction(string name, IReadOnlyList<string> parameters, Func<Evaluation.FeelCall, FeelValue> invoke)
    {
        Name = name;
        Parameters = parameters;
        Invoke = invoke;
    }

    public string Name { get; }

    public IReadOnlyList<string> Parameters { get; }

    internal Func<Evaluation.FeelCall, FeelValue> Invoke { get; }

    public override string TypeName => "function";

    public bool Equals(FeelFunction? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override JsonNode? ToJson() => null;

    public override string ToString() => "function " + Name + "(" + string.Join(", ", Parameters) + ")";
}
