using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>FEEL <c>null</c>: the result of missing variables and of operations on the wrong types.</summary>
public sealed record FeelNull : FeelValue
{
    public static readonly FeelNull Instance = new();

    private FeelNull()
    {
    }

    public override string TypeName => "Null";

    public override JsonNode? ToJson() => null;

    public override string ToString() => "null";
}
