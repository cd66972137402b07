using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// How the routes write and check values the Camunda clients validate strictly: dates in
/// UTC with a <c>Z</c> (the clients' schema refuses an offset), tenant ids in Camunda's pattern, and request fields
/// this server does not know (a 400 that names them, never silently ignored).
/// </summary>
public static partial class ApiFormats
{
    /// <summary>The longest tenant id accepted, as in Camunda.</summary>
    public const int MaxTenantIdLength = 256;

    /// <summary>A date-time as Camunda writes it: UTC, milliseconds, <c>Z</c>.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A nullable date-time as Camunda writes it.</summary>
    public static string? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;

    /// <summary>The tenant a request names, or the default tenant when it names none.</summary>
    public static string Tenant(string? tenantId) => string.IsNullOrEmpty(tenantId) ? UserTask.DefaultTenantId : tenantId;

    /// <summary>The 400 for a tenant id outside Camunda's pattern, or null when it is fine (or absent).</summary>
    public static ProblemHttpResult? CheckTenant(string? tenantId, string field = "tenantId") =>
        tenantId is null || (tenantId.Length <= MaxTenantIdLength && TenantPattern().IsMatch(tenantId))
            ? null
            : ApiProblems.BadRequest(
                $"The {field} '{tenantId}' is not a tenant id: use '<default>' or 1 to {MaxTenantIdLength} letters, digits and _ @ . + -.", field);

    /// <summary>The 400 naming every body field this operation does not know, or null when there is none.</summary>
    public static ProblemHttpResult? RejectUnknown(IReadOnlyDictionary<string, JsonElement>? unknown, string? parent = null, params string[] known)
    {
        if (unknown is not { Count: > 0 })
        {
            return null;
        }

        var names = unknown.Keys.Order(StringComparer.Ordinal).Select(k => parent is null ? k : $"{parent}.{k}").ToArray();
        var allowed = known.Length > 0 ? $" Allowed: {string.Join(", ", known)}." : "";
        return ApiProblems.BadRequest(
            $"Unknown or unsupported field{(names.Length > 1 ? "s" : "")} {string.Join(", ", names.Select(n => $"'{n}'"))} in the request body.{allowed}",
            names);
    }

    [GeneratedRegex("^(<default>|[A-Za-z0-9_@.+-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();

    /// <summary>
    /// The task index issues base64url cursors; Camunda's cursors (and the official client's validation) are standard,
    /// padded base64. The two alphabets map one to one, so the API cursor is the index cursor re-spelled.
    /// </summary>
    public static string? ToApiCursor(string? indexCursor)
    {
        if (indexCursor is null)
        {
            return null;
        }

        var text = indexCursor.Replace('-', '+').Replace('_', '/');
        return (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
    }

    /// <summary>The index cursor for an API cursor; null when it is not base64 at all.</summary>
    public static string? FromApiCursor(string apiCursor)
    {
        var text = apiCursor.TrimEnd('=');
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_')))
        {
            return null;
        }

        return text.Replace('+', '-').Replace('/', '_');
    }
}
