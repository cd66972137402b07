using System.Text;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>An immutable FEEL list. Equality is element-wise.</summary>
public sealed record FeelList : FeelValue
{
    public static readonly FeelList Empty = new(Array.Empty<FeelValue>());

    public FeelList(IEnumerable<FeelValue> items)
    {
        Items = items.ToArray();
    }

    // Wraps an immutable list without copying; used for the running "partial" result of a for loop.
    internal FeelList(System.Collections.Immutable.ImmutableList<FeelValue> items)
    {
        Items = items;
    }

    public IReadOnlyList<FeelValue> Items { get; }

    public override string TypeName => "list";

    public bool Equals(FeelList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;

    public override JsonNode? ToJson()
    {
        var array = new JsonArray();
        foreach (var item in Items)
        {
            array.Add(item.ToJson());
        }

        return array;
    }

    public override string ToString()
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < Items.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(Render(Items[i]));
        }

        return builder.Append(']').ToString();
    }

    internal static string Render(FeelValue value) => value switch
    {
        FeelString s => "\"" + s.Value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => value.ToString(),
    };
}
