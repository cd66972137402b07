using System.Text;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>A FEEL context: an ordered map from names to values. Equality ignores entry order.</summary>
public sealed record FeelContextValue : FeelValue
{
    private readonly Dictionary<string, FeelValue> _lookup;

    public FeelContextValue(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        var ordered = new List<KeyValuePair<string, FeelValue>>();
        _lookup = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (_lookup.ContainsKey(key))
            {
                // A later entry with the same key replaces the earlier one but keeps its position.
                var index = ordered.FindIndex(e => e.Key == key);
                ordered[index] = new(key, value);
            }
            else
            {
                ordered.Add(new(key, value));
            }

            _lookup[key] = value;
        }

        Entries = ordered;
    }

    public static FeelContextValue Empty { get; } = new(Array.Empty<KeyValuePair<string, FeelValue>>());

    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries { get; }

    public override string TypeName => "context";

    public bool TryGet(string key, out FeelValue value)
    {
        if (_lookup.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }

    public FeelContextValue With(string key, FeelValue value) =>
        new(Entries.Append(new KeyValuePair<string, FeelValue>(key, value)));

    public bool Equals(FeelContextValue? other)
    {
        if (other is null || other.Entries.Count != Entries.Count)
        {
            return false;
        }

        foreach (var (key, value) in Entries)
        {
            if (!other._lookup.TryGetValue(key, out var otherValue) || !value.Equals(otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => Entries.Count;

    public override JsonNode? ToJson()
    {
        var obj = new JsonObject();
        foreach (var (key, value) in Entries)
        {
            obj[key] = value.ToJson();
        }

        return obj;
    }

    public override string ToString()
    {
        var builder = new StringBuilder("{");
        for (var i = 0; i < Entries.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ")
                .Append(Entries[i].Key).Append(": ").Append(FeelList.Render(Entries[i].Value));
        }

        return builder.Append('}').ToString();
    }
}
