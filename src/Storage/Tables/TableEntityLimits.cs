using System.Globalization;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// The Table service's limits, enforced before sending: Azure rejects a violation late and vaguely, and the
/// emulator does not reject some of them at all (it stores oversized entities and too many properties).
/// </summary>
public static class TableEntityLimits
{
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxCustomProperties = 252;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxPropertyNameLength = 255;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule <paramref name="entity"/> breaks.</summary>
    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKeys.Validate(entity.PartitionKey, TableEntity.PartitionKeyName);
        TableKeys.Validate(entity.RowKey, TableEntity.RowKeyName);

        // The service's own size formula: 4 bytes + keys in UTF-16, and per property 8 bytes + name in UTF-16 + value.
        long size = 4 + ((entity.PartitionKey!.Length + entity.RowKey!.Length) * 2L);
        var custom = 0;
        foreach (var (name, value) in entity)
        {
            if (IsSystemProperty(name) || value is null)
            {
                continue;
            }

            ValidateName(name);
            custom++;
            size += 8 + (name.Length * 2L) + ValueSize(name, value);
        }

        if (custom > MaxCustomProperties)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The entity has {custom} properties; at most {MaxCustomProperties} are allowed besides PartitionKey, RowKey and Timestamp."),
                nameof(entity));
        }

        if (size > MaxEntityBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The entity takes about {size} bytes; at most {MaxEntityBytes} (1 MiB) are allowed."),
                nameof(entity));
        }
    }

    /// <summary>Properties that are not written as ordinary columns (keys go in the body but are counted apart).</summary>
    internal static bool IsSystemProperty(string name) =>
        name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName
        || name.StartsWith("odata.", StringComparison.Ordinal);

    /// <summary>Property names are identifier-like: a letter or '_' first, then letters, digits or '_'.</summary>
    public static void ValidateName(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Property name '{name}' is invalid: use 1–{MaxPropertyNameLength} letters, digits or '_', starting with a letter or '_'."),
                nameof(name));
        }
    }

    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxPropertyNameLength || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s when s.Length > MaxStringLength => throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Property '{name}' is a string of {s.Length} characters; at most {MaxStringLength} are allowed (64 KiB). Split it, e.g. with LargeStringProperty."),
            nameof(value)),
        string s => 4 + (s.Length * 2L),
        byte[] b => 4 + BinarySize(name, b.Length),
        BinaryData b => 4 + BinarySize(name, b.ToMemory().Length),
        int or bool => 4,
        long or double or float or DateTimeOffset or DateTime => 8,
        Guid => 16,
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}, which Table storage cannot hold; use string, int, long, double, bool, DateTimeOffset, Guid or byte[].",
            nameof(value)),
    };

    private static long BinarySize(string name, int length) => length <= MaxBinaryBytes
        ? length
        : throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Property '{name}' holds {length} bytes; at most {MaxBinaryBytes} (64 KiB) are allowed."),
            nameof(length));
}
