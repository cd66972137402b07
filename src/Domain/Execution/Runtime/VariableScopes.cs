using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Variable scopes as Zeebe has them: the process scope (keyed by the process instance key) and local scopes of
/// element instances. A lookup sees the nearest scope first; a propagated write goes to the nearest scope that already
/// has the variable, else to the process scope.
/// </summary>
internal static class VariableScopes
{
    /// <summary>The element instance and its enclosing scopes, innermost first.</summary>
    public static IEnumerable<long> ScopeChain(ExecutionSession session, long elementInstanceKey)
    {
        long? current = elementInstanceKey;
        while (current is { } key && session.Elements.TryGetValue(key, out var element))
        {
            yield return key;
            current = element.FlowScopeKey;
        }
    }

    /// <summary>Every variable visible from an element instance (inner scopes shadow outer ones).</summary>
    public static JsonObject Visible(ExecutionSession session, long elementInstanceKey)
    {
        var result = new JsonObject();
        foreach (var key in ScopeChain(session, elementInstanceKey).Reverse())
        {
            if (session.Variables.TryGetValue(key, out var scope))
            {
                foreach (var (name, value) in scope)
                {
                    result[name] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    public static JsonNode? Get(ExecutionSession session, long elementInstanceKey, string name)
    {
        foreach (var key in ScopeChain(session, elementInstanceKey))
        {
            if (session.Variables.TryGetValue(key, out var scope) && scope.TryGetPropertyValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public static JsonObject Local(ExecutionSession session, long scopeKey) =>
        session.Variables.TryGetValue(scopeKey, out var scope) ? scope : [];

    public static void SetLocal(ExecutionSession session, long scopeKey, string name, JsonNode? value)
    {
        if (!session.Variables.TryGetValue(scopeKey, out var scope))
        {
            scope = [];
            session.Variables[scopeKey] = scope;
        }

        scope[name] = value?.DeepClone();
        session.Emit(
            ProcessEventType.VariableSet,
            data: new JsonObject { ["name"] = name, ["scopeKey"] = scopeKey, ["value"] = value?.DeepClone() });
    }

    /// <summary>Writes to the nearest scope (starting at <paramref name="startScopeKey"/>) that has the variable, else the process scope.</summary>
    public static void SetPropagated(ExecutionSession session, long startScopeKey, string name, JsonNode? value)
    {
        foreach (var key in ScopeChain(session, startScopeKey))
        {
            if (session.Variables.TryGetValue(key, out var scope) && scope.ContainsKey(name))
            {
                SetLocal(session, key, name, value);
                return;
            }
        }

        SetLocal(session, session.InstanceKey, name, value);
    }

    public static void RemoveScope(ExecutionSession session, long scopeKey)
    {
        if (scopeKey != session.InstanceKey)
        {
            session.Variables.Remove(scopeKey);
        }
    }

    /// <summary>The FEEL context of an element instance: its variables (converted on demand) and the current time.</summary>
    public static FeelContext ContextFor(
        ExecutionSession session,
        long elementInstanceKey,
        IReadOnlyDictionary<string, FeelValue>? extra = null)
    {
        var scopes = ScopeChain(session, elementInstanceKey)
            .Select(key => session.Variables.GetValueOrDefault(key))
            .OfType<JsonObject>()
            .ToList();
        return new FeelContext(new ScopedVariables(scopes, extra), session.Now) { Random = session.Random };
    }

    /// <summary>Evaluates an expression against the variables visible from an element instance.</summary>
    public static FeelEvaluationResult Evaluate(
        ExecutionSession session,
        long elementInstanceKey,
        BpmnExpression expression,
        IReadOnlyDictionary<string, FeelValue>? extra = null)
    {
        try
        {
            return expression.Parsed.Evaluate(ContextFor(session, elementInstanceKey, extra));
        }
        catch (FormatException e)
        {
            return new FeelEvaluationResult(FeelNull.Instance, e.Message);
        }
    }

    /// <summary>The value of a mapping source: a static string, or the FEEL result as JSON.</summary>
    public static bool TryEvaluateSource(
        ExecutionSession session,
        long elementInstanceKey,
        ExpressionOrValue<string> source,
        out JsonNode? value,
        out string? failure)
    {
        failure = null;
        if (source.Expression is null)
        {
            value = JsonValue.Create(source.Value);
            return true;
        }

        var result = Evaluate(session, elementInstanceKey, source.Expression);
        value = result.Value.ToJson();
        failure = result.Failure is null ? null : $"Failed to evaluate expression '{source.Expression.Source}': {result.Failure}";
        return result.IsSuccess;
    }

    /// <summary>
    /// Applies a (possibly dotted) mapping target to a set of top-level values, reading the current value of the
    /// top-level variable through <paramref name="current"/> when only a nested property is replaced.
    /// </summary>
    public static void Assign(JsonObject target, string path, JsonNode? value, Func<string, JsonNode?> current)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            target[path] = value;
            return;
        }

        if (target[parts[0]] is not JsonObject root)
        {
            root = current(parts[0]) is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
            target[parts[0]] = root;
        }

        var node = root;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                child = [];
                node[parts[i]] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }
}
