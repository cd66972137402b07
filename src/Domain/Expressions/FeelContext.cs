using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// What an expression is evaluated against: the variables in scope, the current time, which <c>now()</c> and
/// <c>today()</c> return, and the random source of <c>random number()</c> and <c>uuid()</c>. Both are inputs, so the
/// same context always gives the same result — the interpreter replays commands deterministically.
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
    /// The random source; by default seeded from <see cref="Now"/>, so evaluation is repeatable. The interpreter
    /// passes one seeded per command.
    /// </summary>
    public Random Random
    {
        get => _random ??= new Random(unchecked((int)Now.UtcTicks ^ (int)(Now.UtcTicks >> 32)));
        init => _random = value;
    }

    private Random? _random;

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
