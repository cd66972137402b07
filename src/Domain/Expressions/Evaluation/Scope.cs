namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>
/// A chain of variable bindings; inner scopes shadow outer ones. A scope holds either a set of variables or,
/// for loop and quantifier variables, a single binding, which keeps iteration cheap.
/// </summary>
internal sealed class Scope
{
    private readonly IReadOnlyDictionary<string, FeelValue>? _variables;
    private readonly string? _name;
    private readonly FeelValue? _value;
    private readonly Scope? _parent;

    public Scope(IReadOnlyDictionary<string, FeelValue> variables, Scope? parent = null)
    {
        _variables = variables;
        _parent = parent;
    }

    private Scope(string name, FeelValue value, Scope parent)
    {
        _name = name;
        _value = value;
        _parent = parent;
    }

    public Scope With(string name, FeelValue value) => new(name, value, this);

    public bool TryLookup(string name, out FeelValue value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables is null)
            {
                if (scope._name == name)
                {
                    value = scope._value!;
                    return true;
                }
            }
            else if (scope._variables.TryGetValue(name, out var found))
            {
                value = found;
                return true;
            }
        }

        value = FeelNull.Instance;
        return false;
    }
}
