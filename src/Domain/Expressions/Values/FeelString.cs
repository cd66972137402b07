using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL string.</summary>
public sealed record FeelString(string Value) : FeelValue
{
    public override string TypeName => "string";

    public override JsonNode? ToJson() => JsonValue.Create(Value);

    public override string ToString() => Value;
}
