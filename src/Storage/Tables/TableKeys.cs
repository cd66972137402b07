using System.Globalization;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Rules for PartitionKey and RowKey values, checked before a request is sent so a bad key fails with a clear
/// message instead of the service's bare 400, and their escaped form inside request URLs.
/// </summary>
public static class TableKeys
{
    /// <summary>A key may take 1 KiB; counted in UTF-16 bytes, so 512 characters (the emulator's limit too).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>
    /// Reversible escaping of a user-provided value (an assignee, a group, an id) for use inside a key: <c>%</c>, the
    /// separator <c>|</c> that composite keys use, the characters keys may not hold (<c>/ \ # ?</c>) and control
    /// characters are percent-encoded as UTF-8 (<c>%2F</c>, <c>%C2%85</c>); everything else, non-ASCII included, stays.
    /// <see cref="UnescapeValue"/> (or <see cref="Uri.UnescapeDataString(string)"/>) reverses it.
    /// </summary>
    public static string EscapeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.AsSpan().ContainsAny(EscapedInValues))
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var c in value)
        {
            if (!EscapedInValues.Contains(c))
            {
                builder.Append(c);
                continue;
            }

            var length = System.Text.Encoding.UTF8.GetBytes([c], utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The inverse of <see cref="EscapeValue"/>.</summary>
    public static string UnescapeValue(string escaped) => Uri.UnescapeDataString(escaped);

    private static readonly System.Buffers.SearchValues<char> EscapedInValues = System.Buffers.SearchValues.Create(
        "%|/\\#?" + new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i)]));

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> is not a valid key.</summary>
    public static void Validate(string? value, string keyName)
    {
        if (value is null)
        {
            throw new ArgumentException($"{keyName} is required.", keyName);
        }

        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{keyName} is {value.Length} characters long; at most {MaxKeyLength} are allowed (1 KiB)."),
                keyName);
        }

        var bad = value.AsSpan().IndexOfAny(ForbiddenCharacters);
        if (bad >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{keyName} contains the character {Describe(value[bad])} at position {bad}; keys may not contain '/', '\\', '#', '?' or control characters (U+0000–U+001F, U+007F–U+009F)."),
                keyName);
        }
    }

    /// <summary>Whether <paramref name="value"/> is a valid key.</summary>
    public static bool IsValid(string? value) =>
        value is not null && value.Length <= MaxKeyLength && value.AsSpan().IndexOfAny(ForbiddenCharacters) < 0;

    /// <summary>
    /// The key as an OData string literal escaped for a URL path: quotes doubled, then every reserved byte
    /// percent-encoded. The signature is computed over this encoded form, exactly as sent.
    /// </summary>
    internal static string UrlLiteral(string key) => "'" + Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal)) + "'";

    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey={UrlLiteral(partitionKey)},RowKey={UrlLiteral(rowKey)})";

    private static string Describe(char c) =>
        char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : $"'{c}'";

    private static readonly System.Buffers.SearchValues<char> ForbiddenCharacters = System.Buffers.SearchValues.Create(
        "/\\#?" + new string(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i).ToArray()));
}
