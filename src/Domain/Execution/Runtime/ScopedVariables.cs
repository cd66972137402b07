using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The variables visible from an element instance, as FEEL sees them: looked up scope by scope (innermost first) and
/// converted only when an expression asks for them, so a large variable costs nothing to expressions that do not use
/// it. A JSON number outside the FEEL range throws <see cref="FormatException"/> on lookup.
/// </summary>
internal sealed class ScopedVariables : IReadOnlyDictionary<string, FeelValue>
{
    private readonly IReadOnlyList<JsonObject> _scopes;
    private readonly IReadOnlyDictionary<string, FeelValue>? _extra;
    private readonly Dictionary<string, FeelValue> _converted = new(StringComparer.Ordinal);

    public ScopedVariables(IReadOnlyList<JsonObject> scopesInnermostFirst, IReadOnlyDictionary<string, FeelValue>? extra)
    {
        _scopes = scopesInnermostFirst;
        _extra = extra;
    }

    public IEnumerable<string> Keys => Materialize().Keys;

    public IEnumerable<FeelValue> Values => Materialize().Values;

    public int Count => Materialize().Count;

    public FeelValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out FeelValue value)
    {
        if (_extra is not null && _extra.TryGetValue(key, out value))
        {
            return true;
        }

        if (_converted.TryGetValue(key, out value))
        {
            return true;
        }

        foreach (var scope in _scopes)
        {
            if (scope.TryGetPropertyValue(key, out var node))
            {
                value = FeelValue.FromJson(node);
                _converted[key] = value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, FeelValue>> GetEnumerator() => Materialize().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, FeelValue> Materialize()
    {
        var all = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var name in _scopes.SelectMany(s => s.Select(p => p.Key)).Concat(_extra?.Keys ?? []))
        {
            if (!all.ContainsKey(name) && TryGetValue(name, out var value))
            {
                all[name] = value;
            }
        }

        return all;
    }
}
