using System.Globalization;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL date (calendar day without time or zone).</summary>
public sealed record FeelDate(DateOnly Value) : FeelValue
{
    public override string TypeName => "date";

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString() => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
