using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// The variables a user task sees, as <c>POST /v2/user-tasks/{key}/variables/search</c> lists them: every variable of
/// every scope from the task's element instance up to the process instance, innermost scope first (so a name can
/// appear more than once, as in Camunda). Once the task's element instance is gone (the task ended), only the process
/// scope is left. The list is built in memory from the instance row, so filtering, sorting and offsets are exact.
/// </summary>
internal static class UserTaskVariables
{
    /// <summary>Values longer than this many characters are cut when truncation is asked for (Camunda's default limit).</summary>
    public const int TruncationLimit = 8191;

    private const string CursorPrefix = "var|";

    private static readonly string[] SortFields = ["value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey"];

    /// <summary>The variables visible to <paramref name="task"/>, innermost scope first, by name within a scope.</summary>
    public static List<VariableSearchResult> Visible(ProcessInstanceState state, UserTask task, bool truncate)
    {
        var scopes = state.ScopeChain(task.ElementInstanceKey);
        var results = new List<VariableSearchResult>();
        foreach (var scope in scopes)
        {
            if (!state.Variables.TryGetValue(scope, out var variables))
            {
                continue;
            }

            foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var json = value?.ToJsonString() ?? "null";
                var truncated = truncate && json.Length > TruncationLimit;
                results.Add(new VariableSearchResult(
                    name,
                    truncated ? json[..TruncationLimit] : json,
                    truncated,
                    task.TenantId,
                    ApiKeys.Format(ApiKeys.VariableKey(scope, name)),
                    ApiKeys.Format(scope),
                    ApiKeys.Format(state.ProcessInstanceKey)));
            }
        }

        return results;
    }

    /// <summary>Applies the request's filter, sort and page; the 400 for anything it cannot read.</summary>
    public static (VariableSearchQueryResult? Result, ProblemHttpResult? Problem) Search(
        List<VariableSearchResult> variables, JsonObject? body, int maxPageSize)
    {
        if (JsonBody.RejectUnknown(body, "", "filter", "sort", "page") is { } unknown)
        {
            return (null, unknown);
        }

        var (filter, filterProblem) = JsonBody.OptionalObject(body, "filter");
        if (filterProblem is not null)
        {
            return (null, filterProblem);
        }

        if (filter is not null)
        {
            if (JsonBody.RejectUnknown(filter, "filter", "name") is { } unknownFilter)
            {
                return (null, unknownFilter);
            }

            if (filter["name"] is { } nameFilter)
            {
                var (predicate, problem) = NamePredicate(nameFilter);
                if (problem is not null)
                {
                    return (null, problem);
                }

                variables = variables.Where(v => predicate!(v.Name)).ToList();
            }
        }

        if (Sort(body?["sort"], ref variables) is { } sortProblem)
        {
            return (null, sortProblem);
        }

        var limit = Math.Min(100, maxPageSize);
        var from = 0;
        if (body?["page"] is { } pageNode)
        {
            if (pageNode is not JsonObject pageObject)
            {
                return (null, ApiProblems.BadRequest($"'page' must be an object, got {JsonBody.Kind(pageNode)}.", "page"));
            }

            var page = SearchPage.Read(pageObject, maxPageSize, limit, allowOffset: true);
            if (page.Problem is not null)
            {
                return (null, page.Problem);
            }

            limit = page.Limit;
            from = page.From;
            if (page.After is { } after)
            {
                if (DecodeCursor(after) is not { } position)
                {
                    return (null, UserTaskSearchRequestReader.InvalidCursor("page.after", after));
                }

                from = position + 1;
            }
            else if (page.Before is { } before)
            {
                if (DecodeCursor(before) is not { } position)
                {
                    return (null, UserTaskSearchRequestReader.InvalidCursor("page.before", before));
                }

                from = Math.Max(0, position - limit);
                limit = Math.Min(limit, position);
            }
        }

        var items = variables.Skip(from).Take(limit).ToList();
        var pageResult = new SearchPageResult
        {
            TotalItems = variables.Count,
            HasMoreTotalItems = false,
            StartCursor = items.Count == 0 ? null : EncodeCursor(from),
            EndCursor = items.Count == 0 ? null : EncodeCursor(from + items.Count - 1),
        };
        return (new VariableSearchQueryResult(items, pageResult), null);
    }

    private static (Func<string, bool>? Predicate, ProblemHttpResult? Problem) NamePredicate(JsonNode node)
    {
        const string path = "filter.name";
        if (node.GetValueKind() == JsonValueKind.String)
        {
            var name = node.GetValue<string>();
            return (n => n == name, null);
        }

        if (node is not JsonObject operators)
        {
            return (null, ApiProblems.BadRequest($"'{path}' must be a string or an object of operators, got {JsonBody.Kind(node)}.", path));
        }

        var predicates = new List<Func<string, bool>>();
        foreach (var (op, value) in operators)
        {
            var opPath = $"{path}.{op}";
            switch (op)
            {
                case "$eq" or "$neq" or "$like" when value?.GetValueKind() == JsonValueKind.String:
                    var text = value.GetValue<string>();
                    predicates.Add(op switch
                    {
                        "$eq" => n => n == text,
                        "$neq" => n => n != text,
                        _ => Like(text).IsMatch,
                    });
                    break;
                case "$in" or "$notIn" when value is JsonArray list && list.All(i => i?.GetValueKind() == JsonValueKind.String):
                    var names = list.Select(i => i!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    predicates.Add(op == "$in" ? names.Contains : n => !names.Contains(n));
                    break;
                case "$exists" when value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    var exists = value.GetValue<bool>();
                    predicates.Add(_ => exists);
                    break;
                case "$eq" or "$neq" or "$like" or "$in" or "$notIn" or "$exists":
                    return (null, ApiProblems.BadRequest($"'{opPath}' has a value of the wrong type: {value?.ToJsonString() ?? "null"}.", opPath));
                default:
                    return (null, ApiProblems.BadRequest(
                        $"The filter operator '{op}' on '{path}' is not supported; use $eq, $neq, $in, $notIn, $like or $exists.", opPath));
            }
        }

        return (n => predicates.TrueForAll(p => p(n)), null);
    }

    // Camunda's $like: * any run of characters, ? one character, \ escapes.
    private static Regex Like(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static ProblemHttpResult? Sort(JsonNode? node, ref List<VariableSearchResult> variables)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray sorts)
        {
            return ApiProblems.BadRequest($"'sort' must be a list of {{\"field\", \"order\"}}, got {JsonBody.Kind(node)}.", "sort");
        }

        IOrderedEnumerable<VariableSearchResult>? ordered = null;
        for (var i = 0; i < sorts.Count; i++)
        {
            var path = $"sort[{i}]";
            if (sorts[i] is not JsonObject sort)
            {
                return ApiProblems.BadRequest($"'{path}' must be an object {{\"field\", \"order\"}}.", path);
            }

            if (JsonBody.RejectUnknown(sort, path, "field", "order") is { } unknown)
            {
                return unknown;
            }

            var (field, fieldProblem) = JsonBody.OptionalString(sort, "field", path);
            var (order, orderProblem) = JsonBody.OptionalString(sort, "order", path);
            if ((fieldProblem ?? orderProblem) is { } problem)
            {
                return problem;
            }

            if (field is null)
            {
                return ApiProblems.BadRequest("Sort field must not be null.", $"{path}.field");
            }

            if (!SortFields.Contains(field, StringComparer.Ordinal))
            {
                return ApiProblems.BadRequest($"Unknown sortBy: {field}. Sort by {string.Join(", ", SortFields)}.", $"{path}.field");
            }

            var descending = false;
            if (order is not null && !order.Equals("ASC", StringComparison.OrdinalIgnoreCase))
            {
                if (!order.Equals("DESC", StringComparison.OrdinalIgnoreCase))
                {
                    return ApiProblems.BadRequest($"Unknown sortOrder: {order}. Use ASC or DESC (any casing).", $"{path}.order");
                }

                descending = true;
            }

            Func<VariableSearchResult, IComparable> selector = field switch
            {
                "value" => v => v.Value,
                "name" => v => v.Name,
                "tenantId" => v => v.TenantId,
                "variableKey" => v => long.Parse(v.VariableKey, CultureInfo.InvariantCulture),
                "scopeKey" => v => long.Parse(v.ScopeKey, CultureInfo.InvariantCulture),
                _ => v => long.Parse(v.ProcessInstanceKey, CultureInfo.InvariantCulture),
            };
            ordered = (ordered, descending) switch
            {
                (null, false) => variables.OrderBy(selector, Comparer<IComparable>.Create(Compare)),
                (null, true) => variables.OrderByDescending(selector, Comparer<IComparable>.Create(Compare)),
                (_, false) => ordered.ThenBy(selector, Comparer<IComparable>.Create(Compare)),
                _ => ordered.ThenByDescending(selector, Comparer<IComparable>.Create(Compare)),
            };
        }

        if (ordered is not null)
        {
            variables = ordered.ToList();
        }

        return null;

        static int Compare(IComparable? a, IComparable? b) =>
            a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<IComparable>.Default.Compare(a!, b!);
    }

    private static string EncodeCursor(int position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + position.ToString(CultureInfo.InvariantCulture)));

    private static int? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                    ? position
                    : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
