using System.Diagnostics.CodeAnalysis;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// Keys travel as decimal int64 strings (Camunda's <c>LongKey</c>); a path or body value that is not one is a 400
/// that names the field, never a 404 or a 500.
/// </summary>
public static class ApiKeys
{
    /// <summary>Parses a positive decimal int64 key.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out long key)
    {
        key = 0;
        return value is { Length: > 0 and <= 25 }
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out key)
            && key > 0;
    }

    /// <summary>The 400 for a value of <paramref name="field"/> that is not a key.</summary>
    public static ProblemHttpResult Invalid(string field, string? value) =>
        ApiProblems.BadRequest(
            $"The provided {field} '{value}' is not a valid key. Expected a positive decimal number such as \"2251799813685249\". " +
            "Did you pass an entity id instead of an entity key?",
            field);

    /// <summary>The key as the API writes it.</summary>
    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>A nullable key as the API writes it.</summary>
    public static string? Format(long? key) => key?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Variables have no key of their own here; the API's <c>variableKey</c> is derived from the scope key and the name
    /// (the first 63 bits of SHA-256 of <c>{scopeKey}|{name}</c>, never 0), so it is stable while the variable exists.
    /// </summary>
    public static long VariableKey(long scopeKey, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{scopeKey}|{name}")));
        var key = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & long.MaxValue);
        return key == 0 ? 1 : key;
    }
}
