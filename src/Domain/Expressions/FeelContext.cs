using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// What an expression is evaluated against: the variables in scope and the current time, which
/// <c>now()</c> and <c>today()</c> return.
/// </summary>
public sealed class FeelContext
{
    public FeelContext(IReadOnlyDictionary<string, FeelValue> variables, DateTimeOffset now)
    {
        Variables = variables;
        Now = now;
    }

    public IReadOnlyDictionary<string, FeelValue> Variables { get; }

    public DateTimeOffset Now { get; }

    /// <summary>
    /// Builds a context from JSON process variables (top-level properties become variables).
    /// Throws <see cref="FormatException"/> for a number outside the FEEL number range.
    /// </summary>
    public static FeelContext FromJson(JsonObject? variables, DateTimeOffset now)
    {
        var values = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        if (variables is not null)
        {
            foreach (var (name, node) in variables)
            {
                values[name] = FeelValue.FromJson(node);
            }
        }

        return new FeelContext(values, now);
    }
}
