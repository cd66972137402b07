using System.Text.RegularExpressions;

namespace TaskFunctions.Storage.Tables;

/// <summary>Table names: 3–63 letters and digits, starting with a letter; "tables" is reserved.</summary>
public static partial class TableNames
{
    public static void Validate(string? name)
    {
        if (name is null || !Pattern().IsMatch(name) || string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Table name '{name}' is invalid: use 3–63 letters and digits starting with a letter (\"tables\" is reserved).", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex Pattern();
}
