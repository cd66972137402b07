using TaskFunctions.Domain.Expressions.Evaluation;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>Collects built-in overloads while the function table is being built.</summary>
internal sealed class FunctionRegistry
{
    public Dictionary<string, BuiltInFunction> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers an overload. <paramref name="signature"/> lists parameter names separated by commas; a trailing
    /// <c>?</c> marks an optional parameter and a trailing <c>...</c> a variadic last parameter.
    /// </summary>
    public void Add(string name, string signature, Func<FeelCall, FeelValue> body)
    {
        var parameters = new List<string>();
        var required = 0;
        var variadic = false;
        foreach (var raw in signature.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.EndsWith("...", StringComparison.Ordinal))
            {
                variadic = true;
                parameters.Add(raw[..^3]);
            }
            else if (raw.EndsWith('?'))
            {
                parameters.Add(raw[..^1]);
            }
            else
            {
                parameters.Add(raw);
                required = parameters.Count;
            }
        }

        if (!Functions.TryGetValue(name, out var function))
        {
            function = new BuiltInFunction(name);
            Functions[name] = function;
        }

        function.Add(new Overload(parameters, required, variadic, body));
    }
}
