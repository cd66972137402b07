namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>A chain of variable bindings; inner scopes shadow outer ones.</summary>
internal sealed class Scope
{
    private readonly IReadOnlyDictionary<string, FeelValue> _variables;
    private readonly Scope? _parent;

    public Scope(IReadOnlyDictionary<string, FeelValue> variables, Scope? parent = null)
    {
        _variables = variables;
        _parent = parent;
    }

    public Scope With(string name, FeelValue value) =>
        new(new Dictionary<string, FeelValue>(1, StringComparer.Ordinal) { [name] = value }, this);

    public bool TryLookup(string name, out FeelValue value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }
        }

        value = FeelNull.Instance;
        return false;
    }
}
