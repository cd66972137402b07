using System.Collections;
using System.Globalization;
using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// One row of a table: a case-sensitive dictionary of property names to values, with the keys, the server's
/// timestamp and the ETag alongside. Values are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (or UTC <see cref="DateTime"/>),
/// <see cref="Guid"/> and <see cref="byte"/> arrays (or <see cref="BinaryData"/>).
/// </summary>
public sealed class TableEntity : IDictionary<string, object?>
{
    public const string PartitionKeyName = "PartitionKey";
    public const string RowKeyName = "RowKey";
    public const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var (key, value) in properties)
        {
            this[key] = value;
        }
    }

    public string? PartitionKey
    {
        get => GetString(PartitionKeyName);
        set => _properties[PartitionKeyName] = value;
    }

    public string? RowKey
    {
        get => GetString(RowKeyName);
        set => _properties[RowKeyName] = value;
    }

    /// <summary>When the service last wrote the row; set by the service, never sent.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The version the service gave the row when it was read; pass it as If-Match to update safely.</summary>
    public ETag ETag { get; set; }

    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set => _properties[key] = value;
    }

    public string? GetString(string key) => Get(key, v => v as string);

    public int? GetInt32(string key) => Get<int?>(key, v => v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    });

    public long? GetInt64(string key) => Get<long?>(key, v => v switch
    {
        long l => l,
        int i => i,
        _ => null,
    });

    public double? GetDouble(string key) => Get<double?>(key, v => v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    });

    public bool? GetBoolean(string key) => Get<bool?>(key, v => v as bool?);

    public DateTimeOffset? GetDateTimeOffset(string key) => Get<DateTimeOffset?>(key, v => v switch
    {
        DateTimeOffset d => d,
        DateTime d => TableValues.ToDateTimeOffset(d),
        string s when TableValues.TryParseDateTime(s, out var d) => d,
        _ => null,
    });

    public Guid? GetGuid(string key) => Get<Guid?>(key, v => v switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => null,
    });

    public byte[]? GetBinary(string key) => Get(key, v => v switch
    {
        byte[] b => b,
        BinaryData b => b.ToArray(),
        _ => null,
    });

    // A missing or null property reads as null; a present one of another type is a caller's mistake worth naming.
    private T? Get<T>(string key, Func<object, T?> convert)
    {
        if (!_properties.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        return convert(value) ?? throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"Property '{key}' holds a {value.GetType().Name}, which cannot be read as {typeof(T).Name}."));
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    public void Add(string key, object? value) => _properties.Add(key, value);

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);

    public void Clear() => _properties.Clear();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);
}
