using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>Maps JSON process variables to FEEL values.</summary>
internal static class JsonConversion
{
    // Variables come from stored JSON, which System.Text.Json already caps at 64 levels by default;
    // the explicit bound keeps hand-built JsonNode trees from recursing without limit.
    private const int MaxDepth = 256;

    public static FeelValue FromJson(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"JSON value is nested deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case null:
                return FeelNull.Instance;
            case JsonObject obj:
                var entries = new List<KeyValuePair<string, FeelValue>>(obj.Count);
                foreach (var (key, child) in obj)
                {
                    entries.Add(new(key, FromJson(child, depth + 1)));
                }

                return new FeelContextValue(entries);
            case JsonArray array:
                var items = new List<FeelValue>(array.Count);
                foreach (var child in array)
                {
                    items.Add(FromJson(child, depth + 1));
                }

                return new FeelList(items);
            case JsonValue value:
                return FromJsonValue(value);
            default:
                throw new FormatException($"Unsupported JSON node {node.GetType().Name}.");
        }
    }

    private static FeelValue FromJsonValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return FeelBoolean.True;
            case JsonValueKind.False:
                return FeelBoolean.False;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return FeelNull.Instance;
            case JsonValueKind.String:
                // Nodes built from CLR values (e.g. a DateTime) hold no string; their JSON text still is one.
                return new FeelString(value.TryGetValue<string>(out var text)
                    ? text
                    : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty);
            case JsonValueKind.Number:
                var number = value.ToJsonString();
                if (decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return new FeelNumber(parsed);
                }

                throw new FormatException(
                    $"JSON number {number} is outside the range of FEEL numbers (about ±7.9e28).");
            default:
                throw new FormatException($"Unsupported JSON value kind {value.GetValueKind()}.");
        }
    }
}
