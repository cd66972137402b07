using System.Globalization;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Stores strings longer than a property may hold (32K UTF-16 characters) across several properties:
/// <c>State</c>, <c>State_1</c>, <c>State_2</c>, … with the number of parts in <c>State_Parts</c>. Reading uses
/// that count, so extra parts left behind by an earlier, longer value (after a merge) are ignored.
/// </summary>
public static class LargeStringProperty
{
    public const string PartCountSuffix = "_Parts";

    /// <summary>Sets <paramref name="name"/> (and its parts) on <paramref name="entity"/>; null clears it.</summary>
    public static void Write(TableEntity entity, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableEntityLimits.ValidateName(name);
        var parts = value is null ? [] : Split(value);
        if (parts.Count > 0)
        {
            TableEntityLimits.ValidateName(PartName(name, parts.Count - 1));
        }

        TableEntityLimits.ValidateName(name + PartCountSuffix);

        // Drop parts of an earlier value held in this object; the count makes any stored leftovers harmless.
        for (var i = Math.Max(parts.Count, 1); entity.Remove(PartName(name, i)); i++)
        {
        }

        entity[name] = parts.Count == 0 ? null : parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            entity[PartName(name, i)] = parts[i];
        }

        entity[name + PartCountSuffix] = parts.Count;
    }

    /// <summary>The joined value; a row written without the helper reads as its plain property.</summary>
    public static string? Read(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var count = entity.GetInt32(name + PartCountSuffix);
        if (count is null)
        {
            return entity.GetString(name);
        }

        if (count == 0)
        {
            return null;
        }

        var joined = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var part = entity.GetString(PartName(name, i)) ?? throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Property '{name}' should have {count} parts but part '{PartName(name, i)}' is missing; was it read with a $select that left it out?"));
            joined.Append(part);
        }

        return joined.ToString();
    }

    /// <summary>The property names a value of <paramref name="name"/> may use, for a <c>$select</c>.</summary>
    public static IEnumerable<string> PropertyNames(string name, int maxParts)
    {
        yield return name + PartCountSuffix;
        for (var i = 0; i < maxParts; i++)
        {
            yield return PartName(name, i);
        }
    }

    private static string PartName(string name, int index) =>
        index == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}_{index}");

    // Never split a surrogate pair: half a character cannot be encoded as UTF-8 on the wire.
    private static List<string> Split(string value)
    {
        var parts = new List<string>();
        var start = 0;
        do
        {
            var length = Math.Min(TableEntityLimits.MaxStringLength, value.Length - start);
            if (start + length < value.Length && char.IsHighSurrogate(value[start + length - 1]))
            {
                length--;
            }

            parts.Add(value.Substring(start, length));
            start += length;
        }
        while (start < value.Length);

        return parts;
    }
}
