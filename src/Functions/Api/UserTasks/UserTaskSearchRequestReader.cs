using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Storage.TaskIndex;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// Turns Camunda's <c>UserTaskSearchQuery</c> into a task-index query. The index answers exact matches on its
/// dimensions, a minimum priority and due-date bounds; every other field or operator is a 400 naming it, so a filter
/// is never silently widened. <c>claimable: true</c> means claimable by the caller (their id and groups), never by
/// someone named in the body.
/// </summary>
internal sealed class UserTaskSearchRequestReader(Caller caller, HttpSettings settings)
{
    public static readonly string[] FilterFields =
    [
        "state", "assignee", "assigned", "candidateGroup", "candidateUser", "claimable", "processDefinitionKey",
        "processDefinitionId", "processInstanceKey", "elementId", "userTaskKey", "tenantId", "priority", "dueDate",
        "overdue", "followUpDue",
    ];

    /// <summary>Camunda's transitional states: a task here is never in one, so filtering by them finds nothing.</summary>
    private static readonly string[] TransitionalStates = ["CREATING", "ASSIGNING", "UPDATING", "COMPLETING", "CANCELING"];

    /// <summary>The result of reading a search or count body.</summary>
    public sealed record Outcome(UserTaskQuery? Query, bool MatchesNothing, ProblemHttpResult? Problem);

    /// <summary>Reads <c>{filter, sort, page}</c> (or just <c>{filter}</c> for a count).</summary>
    public Outcome Read(JsonObject? body, bool countOnly)
    {
        if (JsonBody.RejectUnknown(body, "", countOnly ? ["filter"] : ["filter", "sort", "page"]) is { } unknown)
        {
            return Fail(unknown);
        }

        var (filterNode, filterProblem) = JsonBody.OptionalObject(body, "filter");
        if (filterProblem is not null)
        {
            return Fail(filterProblem);
        }

        var (filter, matchesNothing, problem) = ReadFilter(filterNode);
        if (problem is not null)
        {
            return Fail(problem);
        }

        var query = new UserTaskQuery(filter!);
        if (!countOnly)
        {
            if (ReadSort(body?["sort"], ref query) is { } sortProblem)
            {
                return Fail(sortProblem);
            }

            if (ReadPage(body?["page"], ref query) is { } pageProblem)
            {
                return Fail(pageProblem);
            }
        }

        return new Outcome(query, matchesNothing, null);
    }

    private static Outcome Fail(ProblemHttpResult problem) => new(null, false, problem);

    private (UserTaskFilter? Filter, bool MatchesNothing, ProblemHttpResult? Problem) ReadFilter(JsonObject? node)
    {
        var filter = new UserTaskFilter();
        if (node is null)
        {
            return (filter, false, null);
        }

        if (JsonBody.RejectUnknown(node, "filter", FilterFields) is { } unknown)
        {
            return (null, false, unknown);
        }

        var matchesNothing = false;
        foreach (var (name, value) in node)
        {
            if (value is null)
            {
                continue;
            }

            var path = $"filter.{name}";
            ProblemHttpResult? problem = null;
            switch (name)
            {
                case "state":
                    problem = Exact(value, path, out var state);
                    if (problem is null)
                    {
                        var upper = state!.ToUpperInvariant();
                        if (TransitionalStates.Contains(upper, StringComparer.Ordinal))
                        {
                            matchesNothing = true;
                        }
                        else if (Enum.TryParse<UserTaskState>(upper, ignoreCase: true, out var parsed) && !int.TryParse(upper, out _))
                        {
                            filter = filter with { State = parsed };
                        }
                        else
                        {
                            problem = ApiProblems.BadRequest(
                                $"'{path}' must be one of CREATED, COMPLETED, CANCELED, FAILED (any casing), got '{state}'.", path);
                        }
                    }

                    break;
                case "assignee":
                    if (value is JsonObject { Count: 1 } exists && exists["$exists"] is { } existsValue)
                    {
                        problem = Bool(existsValue, $"{path}.$exists", out var assigned);
                        filter = filter with { Assigned = assigned };
                    }
                    else
                    {
                        problem = Exact(value, path, out var assignee);
                        filter = filter with { Assignee = assignee };
                    }

                    break;
                case "assigned":
                    problem = Bool(value, path, out var isAssigned);
                    filter = filter with { Assigned = isAssigned };
                    break;
                case "candidateGroup":
                    problem = Exact(value, path, out var group);
                    filter = filter with { CandidateGroup = group };
                    break;
                case "candidateUser":
                    problem = Exact(value, path, out var user);
                    filter = filter with { CandidateUser = user };
                    break;
                case "claimable":
                    problem = Bool(value, path, out var claimable);
                    if (problem is null && claimable is false)
                    {
                        problem = ApiProblems.BadRequest(
                            $"'{path}' only takes true (tasks the caller may claim); leave it out for all tasks.", path);
                    }
                    else if (problem is null && caller.UserId is null)
                    {
                        problem = ApiProblems.BadRequest(
                            $"'{path}' lists the tasks the caller may claim, but this request has no user identity: send a token, " +
                            "or the X-User-Id (and X-User-Groups) headers when authentication is off.", path);
                    }
                    else if (problem is null)
                    {
                        filter = filter with { ClaimableBy = new EligibleUser(caller.UserId!, caller.Groups) };
                    }

                    break;
                case "processDefinitionKey":
                    problem = Key(value, path, out var definitionKey);
                    filter = filter with { ProcessDefinitionKey = definitionKey };
                    break;
                case "processInstanceKey":
                    problem = Key(value, path, out var instanceKey);
                    filter = filter with { ProcessInstanceKey = instanceKey };
                    break;
                case "userTaskKey":
                    problem = Key(value, path, out var taskKey);
                    filter = filter with { UserTaskKey = taskKey };
                    break;
                case "processDefinitionId":
                    problem = Exact(value, path, out var processId);
                    filter = filter with { BpmnProcessId = processId };
                    break;
                case "elementId":
                    problem = Exact(value, path, out var elementId);
                    filter = filter with { ElementId = elementId };
                    break;
                case "tenantId":
                    problem = Exact(value, path, out var tenantId);
                    if (problem is null && tenantId!.Length == 0)
                    {
                        problem = ApiProblems.BadRequest($"'{path}' must not be empty; the default tenant is '<default>'.", path);
                    }

                    filter = filter with { TenantId = tenantId ?? filter.TenantId };
                    break;
                case "priority":
                    problem = Priority(value, path, out var atLeast);
                    filter = filter with { PriorityAtLeast = atLeast };
                    break;
                case "dueDate":
                    problem = DueDate(value, path, out var before, out var after);
                    filter = filter with { DueBefore = before, DueAfter = after };
                    break;
                case "overdue":
                    problem = Bool(value, path, out var overdue);
                    filter = filter with { Overdue = overdue };
                    break;
                case "followUpDue":
                    problem = Bool(value, path, out var followUpDue);
                    filter = filter with { FollowUpDue = followUpDue };
                    break;
            }

            if (problem is not null)
            {
                return (null, false, problem);
            }
        }

        return (filter, matchesNothing, null);
    }

    // "x" or {"$eq": "x"}: the index serves exact matches only.
    private static ProblemHttpResult? Exact(JsonNode node, string path, out string? value)
    {
        value = null;
        if (node is JsonObject operators)
        {
            if (UnsupportedOperator(operators, path, ["$eq"], "exact matches: \"x\" or {\"$eq\": \"x\"}") is { } problem)
            {
                return problem;
            }

            return operators["$eq"] is { } eq ? Exact(eq, $"{path}.$eq", out value) : Empty(path);
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return ApiProblems.BadRequest($"'{path}' must be a string or {{\"$eq\": \"…\"}}, got {JsonBody.Kind(node)}.", path);
        }

        value = node.GetValue<string>();
        return null;
    }

    private static ProblemHttpResult? Key(JsonNode node, string path, out long? key)
    {
        key = null;
        if (node is JsonObject operators)
        {
            if (UnsupportedOperator(operators, path, ["$eq"], "exact keys: \"123\" or {\"$eq\": \"123\"}") is { } problem)
            {
                return problem;
            }

            return operators["$eq"] is { } eq ? Key(eq, $"{path}.$eq", out key) : Empty(path);
        }

        var text = node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };
        if (!ApiKeys.TryParse(text, out var parsed))
        {
            return ApiKeys.Invalid(path, text ?? node.ToJsonString());
        }

        key = parsed;
        return null;
    }

    private static ProblemHttpResult? Bool(JsonNode node, string path, out bool? value)
    {
        value = node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return value is null ? ApiProblems.BadRequest($"'{path}' must be true or false, got {node.ToJsonString()}.", path) : null;
    }

    // The index keeps tasks by priority and serves "at least": $gte n, or $gt n as $gte n+1.
    private static ProblemHttpResult? Priority(JsonNode node, string path, out int? atLeast)
    {
        atLeast = null;
        if (node is not JsonObject operators)
        {
            return ApiProblems.BadRequest(
                $"'{path}' supports only a lower bound: {{\"$gte\": n}} or {{\"$gt\": n}}; exact priorities are not indexed.", path);
        }

        if (UnsupportedOperator(operators, path, ["$gte", "$gt"], "a lower bound: {\"$gte\": n} or {\"$gt\": n}") is { } problem)
        {
            return problem;
        }

        foreach (var (op, value) in operators)
        {
            if (value?.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var number))
            {
                return ApiProblems.BadRequest($"'{path}.{op}' must be an integer, got {value?.ToJsonString() ?? "null"}.", $"{path}.{op}");
            }

            var bound = op == "$gt" ? number + 1 : number;
            atLeast = Math.Max(atLeast ?? int.MinValue, bound);
        }

        return atLeast is null ? Empty(path) : null;
    }

    // Due-date bounds; the index compares strictly, so the inclusive forms move the bound by one tick.
    private static ProblemHttpResult? DueDate(JsonNode node, string path, out DateTimeOffset? before, out DateTimeOffset? after)
    {
        before = null;
        after = null;
        if (node is not JsonObject operators)
        {
            return ApiProblems.BadRequest(
                $"'{path}' supports only bounds: {{\"$lt\": date, \"$lte\": date, \"$gt\": date, \"$gte\": date}} with ISO 8601 date-times.", path);
        }

        if (UnsupportedOperator(operators, path, ["$lt", "$lte", "$gt", "$gte"], "bounds: $lt, $lte, $gt, $gte") is { } problem)
        {
            return problem;
        }

        foreach (var (op, value) in operators)
        {
            if (value?.GetValueKind() != JsonValueKind.String
                || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                || !HasOffset(value.GetValue<string>()))
            {
                return ApiProblems.BadRequest(
                    $"The provided '{path}.{op}' {value?.ToJsonString() ?? "null"} cannot be parsed as a date according to RFC 3339, section 5.6 (an offset such as 'Z' is required).",
                    $"{path}.{op}");
            }

            switch (op)
            {
                case "$lt":
                    before = Min(before, date);
                    break;
                case "$lte":
                    before = Min(before, date.AddTicks(1));
                    break;
                case "$gt":
                    after = Max(after, date);
                    break;
                default:
                    after = Max(after, date.AddTicks(-1));
                    break;
            }
        }

        return before is null && after is null ? Empty(path) : null;

        static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
        static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z')
        || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static ProblemHttpResult? UnsupportedOperator(JsonObject operators, string path, string[] allowed, string what)
    {
        var unsupported = operators.Select(p => p.Key).Where(op => !allowed.Contains(op, StringComparer.Ordinal)).ToArray();
        return unsupported.Length == 0
            ? null
            : ApiProblems.BadRequest(
                $"The filter operator{(unsupported.Length > 1 ? "s" : "")} {string.Join(", ", unsupported.Select(u => $"'{u}'"))} on '{path}' " +
                $"{(unsupported.Length > 1 ? "are" : "is")} not supported: the task index serves {what}.",
                [.. unsupported.Select(u => $"{path}.{u}")]);
    }

    private static ProblemHttpResult Empty(string path) =>
        ApiProblems.BadRequest($"'{path}' has no condition; give a value or leave the field out.", path);

    private static ProblemHttpResult? ReadSort(JsonNode? node, ref UserTaskQuery query)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray sorts)
        {
            return ApiProblems.BadRequest($"'sort' must be a list of {{\"field\", \"order\"}}, got {JsonBody.Kind(node)}.", "sort");
        }

        if (sorts.Count == 0)
        {
            return null;
        }

        if (sorts.Count > 1)
        {
            return ApiProblems.BadRequest(
                $"'sort' has {sorts.Count} criteria; the task index sorts by one field (ties are broken by userTaskKey).", "sort");
        }

        if (sorts[0] is not JsonObject sort)
        {
            return ApiProblems.BadRequest($"'sort[0]' must be an object {{\"field\", \"order\"}}, got {JsonBody.Kind(sorts[0])}.", "sort[0]");
        }

        if (JsonBody.RejectUnknown(sort, "sort[0]", "field", "order") is { } unknown)
        {
            return unknown;
        }

        var (field, fieldProblem) = JsonBody.OptionalString(sort, "field", "sort[0]");
        if (fieldProblem is not null)
        {
            return fieldProblem;
        }

        if (field is null)
        {
            return ApiProblems.BadRequest("Sort field must not be null.", "sort[0].field");
        }

        UserTaskSortField? sortField = field switch
        {
            "creationDate" => UserTaskSortField.CreationDate,
            "priority" => UserTaskSortField.Priority,
            "dueDate" => UserTaskSortField.DueDate,
            "followUpDate" => UserTaskSortField.FollowUpDate,
            _ => null,
        };
        if (sortField is null)
        {
            return ApiProblems.BadRequest(
                $"Unknown sortBy: {field}. The task index sorts by creationDate, priority, dueDate or followUpDate.", "sort[0].field");
        }

        var (order, orderProblem) = JsonBody.OptionalString(sort, "order", "sort[0]");
        if (orderProblem is not null)
        {
            return orderProblem;
        }

        bool descending;
        if (order is null || order.Equals("ASC", StringComparison.OrdinalIgnoreCase))
        {
            descending = false;
        }
        else if (order.Equals("DESC", StringComparison.OrdinalIgnoreCase))
        {
            descending = true;
        }
        else
        {
            return ApiProblems.BadRequest($"Unknown sortOrder: {order}. Use ASC or DESC (any casing).", "sort[0].order");
        }

        query = query with { Sort = sortField.Value, Descending = descending };
        return null;
    }

    private ProblemHttpResult? ReadPage(JsonNode? node, ref UserTaskQuery query)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject page)
        {
            return ApiProblems.BadRequest($"'page' must be an object {{\"limit\", \"after\" | \"before\"}}, got {JsonBody.Kind(node)}.", "page");
        }

        var result = SearchPage.Read(page, settings.MaxPageSize, Math.Min(100, settings.MaxPageSize));
        if (result.Problem is not null)
        {
            return result.Problem;
        }

        string? after = null;
        string? before = null;
        if (result.After is { } apiAfter && (after = ApiFormats.FromApiCursor(apiAfter)) is null)
        {
            return InvalidCursor("page.after", apiAfter);
        }

        if (result.Before is { } apiBefore && (before = ApiFormats.FromApiCursor(apiBefore)) is null)
        {
            return InvalidCursor("page.before", apiBefore);
        }

        query = query with { Limit = result.Limit, After = after, Before = before };
        return null;
    }

    public static ProblemHttpResult InvalidCursor(string path, string cursor) =>
        ApiProblems.BadRequest(
            $"The page cursor '{path}' ('{cursor}') is invalid: it is not a cursor this API issued. Use the startCursor or endCursor of a previous page with the same filter and sort.",
            path);
}
