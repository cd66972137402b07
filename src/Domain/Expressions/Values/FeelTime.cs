using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL time of day, local or with a UTC offset.</summary>
public sealed record FeelTime(TimeOnly Value, TimeSpan? Offset) : FeelValue
{
    public override string TypeName => "time";

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString() =>
        TemporalFormat.Time(Value) + (Offset is { } offset ? TemporalFormat.Offset(offset) : string.Empty);
}
