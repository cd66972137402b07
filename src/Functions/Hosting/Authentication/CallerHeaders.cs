using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>The identity headers a caller may send when authentication is off.</summary>
public static class CallerHeaders
{
    public const string UserId = "X-User-Id";
    public const string Groups = "X-User-Groups";

    /// <summary>The caller the headers name, or <see cref="Caller.Anonymous"/> without <c>X-User-Id</c>.</summary>
    public static Caller From(IHeaderDictionary headers)
    {
        var userId = headers[UserId].ToString().Trim();
        if (userId.Length == 0)
        {
            return Caller.Anonymous;
        }

        var groups = headers[Groups]
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return Caller.User(userId, groups);
    }
}
