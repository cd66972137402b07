using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL days-and-time duration such as <c>P1DT2H</c>.</summary>
public sealed record FeelDaysTimeDuration(TimeSpan Value) : FeelValue
{
    public override string TypeName => "days and time duration";

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString() => TemporalFormat.DaysTime(Value);
}
