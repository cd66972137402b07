using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL years-and-months duration such as <c>P1Y2M</c>, held as a total month count.</summary>
public sealed record FeelYearsMonthsDuration(int TotalMonths) : FeelValue
{
    public override string TypeName => "years and months duration";

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString() => TemporalFormat.YearsMonths(TotalMonths);
}
