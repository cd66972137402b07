using System.Globalization;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// A FEEL number, held as <see cref="decimal"/> (28–29 significant digits) so that <c>0.1 + 0.2 = 0.3</c>.
/// </summary>
public sealed record FeelNumber(decimal Value) : FeelValue
{
    public override string TypeName => "number";

    /// <summary>The value without trailing fractional zeros, so <c>1.50</c> renders as <c>1.5</c>.</summary>
    public decimal Normalized => Value / 1.0000000000000000000000000000m;

    public override JsonNode? ToJson() => JsonValue.Create(Normalized);

    public override string ToString() => Normalized.ToString(CultureInfo.InvariantCulture);
}
