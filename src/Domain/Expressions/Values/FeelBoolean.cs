using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL boolean.</summary>
public sealed record FeelBoolean(bool Value) : FeelValue
{
    public static readonly FeelBoolean True = new(true);
    public static readonly FeelBoolean False = new(false);

    public static FeelBoolean Of(bool value) => value ? True : False;

    public override string TypeName => "boolean";

    public override JsonNode? ToJson() => JsonValue.Create(Value);

    public override string ToString() => Value ? "true" : "false";
}
