using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// A value of the FEEL type system. Values are immutable; process variables (JSON) convert to and from them.
/// </summary>
public abstract record FeelValue
{
    /// <summary>The FEEL type name, as used in messages and by <c>instance of</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>
    /// Converts a JSON node to a FEEL value. JSON numbers become <see cref="decimal"/>; a number with more
    /// significant digits than decimal holds (28–29) is rounded, and a number outside the decimal range
    /// (about ±7.9e28) is rejected with a <see cref="FormatException"/> rather than silently changed.
    /// </summary>
    public static FeelValue FromJson(JsonNode? node) => JsonConversion.FromJson(node, depth: 0);

    /// <summary>Converts this value to JSON; temporal values become ISO 8601 strings.</summary>
    public abstract JsonNode? ToJson();

    /// <summary>The value as FEEL's <c>string()</c> function renders it.</summary>
    public abstract override string ToString();
}
