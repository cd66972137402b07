using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL range such as <c>[1..10)</c>; a null bound is open-ended.</summary>
public sealed record FeelRange(FeelValue Start, bool StartIncluded, FeelValue End, bool EndIncluded) : FeelValue
{
    public override string TypeName => "range";

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString() =>
        (StartIncluded ? "[" : "(") + FeelList.Render(Start) + ".." + FeelList.Render(End) + (EndIncluded ? "]" : ")");
}
