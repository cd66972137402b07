using System.Globalization;
using System.Text.Json;
using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// The Table service's JSON entity format. Writes annotate every type JSON cannot carry unambiguously
/// (Int64, Double, DateTime, Guid, Binary); reads honour the annotations of <c>odata=minimalmetadata</c>.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            // Timestamp is the service's; odata.* are read-side metadata; null means "no value" in Table storage.
            if (name == TableEntity.TimestampName || name.StartsWith("odata.", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case float f:
                WriteDouble(writer, name, f);
                break;
            case double d:
                WriteDouble(writer, name, d);
                break;
            case DateTime dt:
                WriteDateTime(writer, name, TableValues.ToDateTimeOffset(dt));
                break;
            case DateTimeOffset dto:
                WriteDateTime(writer, name, dto);
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            default:
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}, which Table storage cannot hold.", nameof(value));
        }
    }

    // Always annotated: unannotated 2.0 would be stored as the Int32 2 by the emulator.
    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WriteString(name + TypeSuffix, "Edm.Double");
        if (TableValues.SpecialDouble(value) is { } special)
        {
            writer.WriteString(name, special);
        }
        else
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(TableValues.FormatDouble(value), skipInputValidation: true);
        }
    }

    private static void WriteDateTime(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        if (value < MinDateTime)
        {
            throw new ArgumentException($"Property '{name}' is {value:O}; Table storage holds dates from 1601-01-01 on.", nameof(value));
        }

        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
        writer.WriteString(name, TableValues.FormatDateTime(value));
    }

    public static TableEntity Read(JsonElement element)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = new ETag(property.Value.GetString()!);
            }
            else if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            else if (name == TableEntity.TimestampName && property.Value.ValueKind == JsonValueKind.String
                && TableValues.TryParseDateTime(property.Value.GetString()!, out var timestamp))
            {
                entity.Timestamp = timestamp;
            }
            else
            {
                entity[name] = ReadValue(property.Value, types.GetValueOrDefault(name));
            }
        }

        return entity;
    }

    private static object? ReadValue(JsonElement value, string? type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return type switch
        {
            "Edm.Int64" => value.ValueKind == JsonValueKind.String
                ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : value.GetInt64(),
            "Edm.Int32" => value.ValueKind == JsonValueKind.String
                ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : value.GetInt32(),
            "Edm.Double" => value.ValueKind == JsonValueKind.String ? TableValues.ParseDouble(value.GetString()!) : value.GetDouble(),
            "Edm.DateTime" => ParseDateTime(value.GetString()!),
            "Edm.Guid" => Guid.Parse(value.GetString()!),
            "Edm.Binary" => value.GetBytesFromBase64(),
            "Edm.Boolean" => value.GetBoolean(),
            "Edm.String" => value.GetString(),
            _ => ReadUnannotated(value),
        };
    }

    private static object? ReadUnannotated(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny(".Ee") >= 0 => value.GetDouble(),
        JsonValueKind.Number when value.TryGetInt32(out var i) => i,
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static DateTimeOffset ParseDateTime(string text) => TableValues.TryParseDateTime(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a date and time the Table service would send.");
}
