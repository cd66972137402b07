using TaskFunctions.Domain.Expressions.Evaluation;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary><c>not()</c>, null handling (<c>is defined</c>, <c>get or else</c>, <c>assert</c>) and context functions.</summary>
internal static class BooleanAndContextFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("not", "negand", call => call[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance);

        // Camunda 8.4+ semantics: null and missing are both "not defined".
        registry.Add("is defined", "value", call => FeelBoolean.Of(call[0] is not FeelNull));
        registry.Add("get or else", "value, default", call => call[0] is FeelNull ? call[1] : call[0]);

        // Camunda extension: a failed assertion fails the evaluation (an incident), rather than yielding null.
        registry.Add("assert", "value, condition, cause?", call => call[1] is FeelBoolean { Value: true }
            ? call[0]
            : throw new FeelEvaluationException(
                $"assertion failed: {(call.Count > 2 && call[2] is FeelString cause ? cause.Value : "the condition is not fulfilled")}"));

        registry.Add("get value", "m, key", call => call[0] switch
        {
            FeelContextValue context when call[1] is FeelString key =>
                context.TryGet(key.Value, out var value) ? value : FeelNull.Instance,
            FeelContextValue context when call[1] is FeelList keys => GetPath(context, keys),
            _ => FeelNull.Instance,
        });

        registry.Add("get entries", "m", call => call[0] is FeelContextValue context
            ? new FeelList(context.Entries.Select(e => (FeelValue)new FeelContextValue(
            [
                new("key", new FeelString(e.Key)),
                new("value", e.Value),
            ])))
            : FeelNull.Instance);

        registry.Add("context put", "context, key, value", call => call[0] switch
        {
            FeelContextValue context when call[1] is FeelString key => context.With(key.Value, call[2]),
            FeelContextValue context when call[1] is FeelList { Items.Count: > 0 } keys => PutPath(context, keys.Items, 0, call[2]),
            _ => FeelNull.Instance,
        });

        registry.Add("context merge", "contexts", call =>
        {
            if (call[0] is not FeelList list || list.Items.Any(item => item is not FeelContextValue))
            {
                return FeelNull.Instance;
            }

            return new FeelContextValue(list.Items.Cast<FeelContextValue>().SelectMany(c => c.Entries));
        });

        registry.Add("context", "entries", call =>
        {
            if (call[0] is not FeelList list)
            {
                return FeelNull.Instance;
            }

            var entries = new List<KeyValuePair<string, FeelValue>>();
            foreach (var item in list.Items)
            {
                if (item is not FeelContextValue entry || !entry.TryGet("key", out var key) || key is not FeelString name)
                {
                    return FeelNull.Instance;
                }

                entry.TryGet("value", out var value);
                entries.Add(new(name.Value, value));
            }

            return new FeelContextValue(entries);
        });
    }

    private static FeelValue GetPath(FeelContextValue context, FeelList keys)
    {
        FeelValue current = context;
        foreach (var key in keys.Items)
        {
            if (current is not FeelContextValue c || key is not FeelString k || !c.TryGet(k.Value, out current))
            {
                return FeelNull.Instance;
            }
        }

        return current;
    }

    private static FeelValue PutPath(FeelContextValue context, IReadOnlyList<FeelValue> keys, int index, FeelValue value)
    {
        if (keys[index] is not FeelString key)
        {
            return FeelNull.Instance;
        }

        if (index == keys.Count - 1)
        {
            return context.With(key.Value, value);
        }

        var inner = context.TryGet(key.Value, out var existing) && existing is FeelContextValue nested
            ? nested
            : FeelContextValue.Empty;
        var updated = PutPath(inner, keys, index + 1, value);
        return updated is FeelNull ? updated : context.With(key.Value, updated);
    }
}
