using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// Opaque, URL-safe page cursors: base64url of <c>1|{sort code}|{has value}|{value}|{key}</c>. They encode a sort
/// position, not an offset, so paging stays exact while tasks are added or removed.
/// </summary>
internal static class UserTaskCursor
{
    private const string FormatVersion = "1";

    public static string Encode(SortPosition position, bool descending)
    {
        var text = string.Join(
            '|',
            FormatVersion,
            SortKeys.Code(position.Field, descending),
            position.HasValue ? "1" : "0",
            position.Value.ToString(CultureInfo.InvariantCulture),
            position.UserTaskKey.ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <exception cref="ArgumentException">The cursor is malformed or was issued for another sort.</exception>
    public static SortPosition Decode(string cursor, UserTaskSortField field, bool descending, string parameterName)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
        }
        catch (FormatException)
        {
            throw Invalid(parameterName, "it is not a cursor this API issued");
        }

        if (parts.Length != 5 || parts[0] != FormatVersion
            || parts[2] is not ("0" or "1")
            || !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            throw Invalid(parameterName, "it is not a cursor this API issued");
        }

        if (parts[1] != SortKeys.Code(field, descending))
        {
            throw Invalid(parameterName, "it was issued for another sort order; use the sort of the page it came from");
        }

        return new SortPosition(field, parts[2] == "1", value, key);
    }

    private static ArgumentException Invalid(string parameterName, string why) =>
        new($"The page cursor '{parameterName}' is invalid: {why}.", parameterName);
}
