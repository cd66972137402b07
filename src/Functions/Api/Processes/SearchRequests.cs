using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>
/// A Camunda search request: <c>{ filter, sort: [{ field, order }], page: { from | after | before, limit } }</c>.
/// The filter is read per resource, so every field and operator it does not support is named in a 400.
/// </summary>
public sealed record SearchRequest
{
    public JsonObject? Filter { get; init; }

    public IReadOnlyList<SearchSort>? Sort { get; init; }

    public SearchPageRequest? Page { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>One sort criterion: a field and <c>ASC</c> (default) or <c>DESC</c>, in any casing.</summary>
public sealed record SearchSort
{
    public string? Field { get; init; }

    public string? Order { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>SearchQueryPageRequest</c>: an offset (<c>from</c>) or a cursor (<c>after</c>/<c>before</c>) and a <c>limit</c>.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record SearchPageRequest
{
    public int? From { get; init; }

    public int? Limit { get; init; }

    public string? After { get; init; }

    public string? Before { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>SearchQueryPageResponse</c>.</summary>
public sealed record SearchPageResponse(long TotalItems)
{
    /// <summary>True when <see cref="TotalItems"/> is only a lower bound (more items exist than were counted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasMoreTotalItems { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StartCursor { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndCursor { get; init; }
}

/// <summary>A page of search results in Camunda's shape.</summary>
public sealed record SearchResponse<T>(IReadOnlyList<T> Items, SearchPageResponse Page);

/// <summary>The validated page of a search: where to start and how many.</summary>
public sealed record PageSpec(int From, int Limit, string? After, string? Before)
{
    /// <summary>Camunda's default page size.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Reads a page request, or answers the 400 that says what is wrong with it.</summary>
    public static ProblemHttpResult? TryRead(SearchPageRequest? page, int maxPageSize, out PageSpec spec)
    {
        spec = new PageSpec(0, Math.Min(DefaultLimit, maxPageSize), null, null);
        if (page is null)
        {
            return null;
        }

        if (ApiFormats.RejectUnknown(page.Unknown, "page", "from", "limit", "after", "before") is { } unknown)
        {
            return unknown;
        }

        var limit = page.Limit ?? Math.Min(DefaultLimit, maxPageSize);
        if (limit < 1 || limit > maxPageSize)
        {
            return ApiProblems.BadRequest(
                string.Create(CultureInfo.InvariantCulture,
                    $"page.limit must be between 1 and {maxPageSize} (host.json extensions.taskFunctions.http.maxPageSize), got {limit}."),
                "page.limit");
        }

        if (page.From is < 0)
        {
            return ApiProblems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"page.from must be 0 or more, got {page.From}."), "page.from");
        }

        if (page.After is not null && page.Before is not null)
        {
            return ApiProblems.BadRequest("Both after and before cannot be set at the same time.", "page.after", "page.before");
        }

        if ((page.After is not null || page.Before is not null) && page.From is > 0)
        {
            return ApiProblems.BadRequest("Both after/before and from cannot be set at the same time.", "page.from");
        }

        spec = new PageSpec(page.From ?? 0, limit, page.After, page.Before);
        return null;
    }
}

/// <summary>Sort criteria checked against the fields a resource can sort by.</summary>
public static class SortSpec
{
    /// <summary>Reads the criteria (field, descending), or answers the 400 naming an unknown field or order.</summary>
    public static ProblemHttpResult? TryRead(IReadOnlyList<SearchSort>? sort, IReadOnlyCollection<string> fields, out List<(string Field, bool Descending)> criteria)
    {
        criteria = [];
        foreach (var item in sort ?? [])
        {
            if (ApiFormats.RejectUnknown(item.Unknown, "sort", "field", "order") is { } unknown)
            {
                return unknown;
            }

            if (string.IsNullOrEmpty(item.Field))
            {
                return ApiProblems.BadRequest("Sort field must not be null.", "sort.field");
            }

            var field = fields.FirstOrDefault(f => f.Equals(item.Field, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                return ApiProblems.BadRequest($"Unknown sortBy: {item.Field}. Sortable fields: {string.Join(", ", fields)}.", "sort.field");
            }

            var descending = item.Order?.ToUpperInvariant() switch
            {
                null or "ASC" => false,
                "DESC" => true,
                _ => (bool?)null,
            };
            if (descending is null)
            {
                return ApiProblems.BadRequest($"Sort order must be ASC or DESC, got '{item.Order}'.", "sort.order");
            }

            criteria.Add((field, descending.Value));
        }

        return null;
    }
}

/// <summary>
/// A condition on one field: a plain value (equality) or Camunda's operators <c>$eq</c>, <c>$neq</c>,
/// <c>$exists</c>, <c>$in</c>, <c>$notIn</c>, <c>$like</c> (<c>*</c> any characters, <c>?</c> one, <c>\</c> escapes).
/// </summary>
public sealed record FieldCondition(string Field)
{
    private static readonly string[] AllOperators = ["$eq", "$neq", "$exists", "$in", "$notIn", "$like"];

    public string? Eq { get; init; }

    public string? Neq { get; init; }

    public bool? Exists { get; init; }

    public IReadOnlyList<string>? In { get; init; }

    public IReadOnlyList<string>? NotIn { get; init; }

    public string? Like { get; init; }

    /// <summary>
    /// Reads the condition on <paramref name="field"/>; <paramref name="operators"/> limits the operators accepted
    /// (all by default). Numbers and booleans are compared by their JSON text.
    /// </summary>
    public static ProblemHttpResult? TryRead(JsonNode? node, string field, out FieldCondition condition, params string[] operators)
    {
        condition = new FieldCondition(field);
        var allowed = operators.Length > 0 ? operators : AllOperators;
        if (node is JsonValue value)
        {
            condition = condition with { Eq = Text(value) };
            return null;
        }

        if (node is not JsonObject ops)
        {
            return ApiProblems.BadRequest($"filter.{field} must be a value or an object of operators ({string.Join(", ", allowed)}).", $"filter.{field}");
        }

        foreach (var (op, operand) in ops)
        {
            if (!allowed.Contains(op, StringComparer.Ordinal))
            {
                return ApiProblems.BadRequest(
                    $"The operator '{op}' is not supported on filter.{field}; use {string.Join(", ", allowed)}.", $"filter.{field}.{op}");
            }

            switch (op)
            {
                case "$exists" when operand is JsonValue b && b.TryGetValue<bool>(out var exists):
                    condition = condition with { Exists = exists };
                    break;
                case "$in" or "$notIn" when operand is JsonArray list && list.All(i => i is JsonValue):
                    var items = list.Select(i => Text((JsonValue)i!)).ToList();
                    condition = op == "$in" ? condition with { In = items } : condition with { NotIn = items };
                    break;
                case "$eq" or "$neq" or "$like" when operand is JsonValue v:
                    condition = op switch
                    {
                        "$eq" => condition with { Eq = Text(v) },
                        "$neq" => condition with { Neq = Text(v) },
                        _ => condition with { Like = Text(v) },
                    };
                    break;
                default:
                    return ApiProblems.BadRequest($"filter.{field}.{op} has a value of the wrong type.", $"filter.{field}.{op}");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> (null when the field has none) meets every operator.</summary>
    public bool Matches(string? value)
    {
        if (Exists is { } exists && exists != (value is not null))
        {
            return false;
        }

        if (Eq is not null && value != Eq)
        {
            return false;
        }

        if (Neq is not null && value == Neq)
        {
            return false;
        }

        if (In is not null && (value is null || !In.Contains(value, StringComparer.Ordinal)))
        {
            return false;
        }

        if (NotIn is not null && value is not null && NotIn.Contains(value, StringComparer.Ordinal))
        {
            return false;
        }

        return Like is null || (value is not null && LikePattern(Like).IsMatch(value));
    }

    private static Regex LikePattern(string like)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            if (c == '\\' && i + 1 < like.Length)
            {
                pattern.Append(Regex.Escape(like[++i].ToString()));
            }
            else
            {
                pattern.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}

/// <summary>Opaque cursors: standard base64 (the Camunda clients check the alphabet) of a position only the server reads.</summary>
public static class Cursors
{
    public static string Encode(string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(position));

    /// <summary>The position in <paramref name="cursor"/>, or null when it is not one of ours.</summary>
    public static string? Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>An offset as a cursor.</summary>
    public static string Offset(int offset) => Encode(string.Create(CultureInfo.InvariantCulture, $"o:{offset}"));

    /// <summary>The offset in a cursor made by <see cref="Offset"/>, or null.</summary>
    public static int? ReadOffset(string cursor) =>
        Decode(cursor) is { } text && text.StartsWith("o:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;

    /// <summary>The 400 for a cursor this server did not write.</summary>
    public static ProblemHttpResult Invalid(string field) =>
        ApiProblems.BadRequest($"{field} is not a cursor of this search; pass the startCursor or endCursor of a previous page.", field);
}

/// <summary>Pages a list that is already in memory by offset; its cursors are offsets.</summary>
public static class OffsetPages
{
    /// <summary>
    /// The page of <paramref name="all"/> that <paramref name="page"/> asks for; <paramref name="truncated"/> says
    /// that <paramref name="all"/> is not everything there is (the total is then a lower bound).
    /// </summary>
    public static ProblemHttpResult? TrySlice<T>(IReadOnlyList<T> all, PageSpec page, bool truncated, out SearchResponse<T> response)
    {
        response = new SearchResponse<T>([], new SearchPageResponse(0));
        var from = page.From;
        if (page.After is not null)
        {
            if (Cursors.ReadOffset(page.After) is not { } after)
            {
                return Cursors.Invalid("page.after");
            }

            from = after;
        }
        else if (page.Before is not null)
        {
            if (Cursors.ReadOffset(page.Before) is not { } before)
            {
                return Cursors.Invalid("page.before");
            }

            from = Math.Max(0, before - page.Limit);
        }

        var items = all.Skip(from).Take(page.Limit).ToList();
        response = new SearchResponse<T>(items, new SearchPageResponse(all.Count)
        {
            HasMoreTotalItems = truncated ? true : null,
            StartCursor = items.Count > 0 ? Cursors.Offset(from) : null,
            EndCursor = items.Count > 0 ? Cursors.Offset(from + items.Count) : null,
        });
        return null;
    }
}
