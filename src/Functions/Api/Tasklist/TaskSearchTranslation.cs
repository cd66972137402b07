using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.TaskIndex;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// Turns a Tasklist <see cref="TaskSearchRequest"/> into a task-index query, or into the message of a 400 that names
/// what is wrong or not supported. Nothing the index cannot serve is dropped silently.
/// </summary>
internal static partial class TaskSearchTranslation
{
    public const int DefaultPageSize = 50;

    /// <summary>The index query, and whether the page starts at the beginning of the list (no cursor).</summary>
    public sealed record Translated(UserTaskQuery Query, bool FromStart);

    public static (Translated? Result, string? Error) Translate(TaskSearchRequest? request, int maxPageSize)
    {
        request ??= new TaskSearchRequest();
        var unknown = UnknownFields(request).ToList();
        if (unknown.Count > 0)
        {
            return Fail($"Unknown search field(s): {string.Join(", ", unknown)}. See the Tasklist TaskSearchRequest for the fields.");
        }

        var searchAfter = Present(request.SearchAfter);
        var searchBefore = Present(request.SearchBefore);
        if (new[] { searchAfter, Present(request.SearchAfterOrEqual), searchBefore, Present(request.SearchBeforeOrEqual) }.Count(c => c is not null) > 1)
        {
            return Fail("Only one of [searchAfter, searchAfterOrEqual, searchBefore, searchBeforeOrEqual] must be present in request.");
        }

        if (request.PageSize is <= 0)
        {
            return Fail("Page size should be a positive number");
        }

        if (request.PageSize > maxPageSize)
        {
            return Fail($"Page size must be at most {maxPageSize} (host.json extensions.taskFunctions.http.maxPageSize), got {request.PageSize}.");
        }

        var unsupported = Unsupported(request).ToList();
        if (unsupported.Count > 0)
        {
            return Fail(
                $"These search fields are not supported by this server: {string.Join(", ", unsupported)}. " +
                "Filter by state, assigned, assignee, taskDefinitionId, candidateGroup, candidateUser, processDefinitionKey, " +
                "processInstanceKey, dueDate, priority (gte/gt) and one tenant; read variables with POST /v1/tasks/{taskId}/variables/search.");
        }

        var filter = new UserTaskFilter();
        var errors = new List<string>();

        if (request.State is { } stateText)
        {
            if (ParseState(stateText) is { } state)
            {
                filter = filter with { State = state };
            }
            else
            {
                errors.Add($"Unknown state '{stateText}'; use one of CREATED, COMPLETED, CANCELED, FAILED.");
            }
        }

        filter = filter with
        {
            Assigned = request.Assigned,
            ElementId = request.TaskDefinitionId,
            Assignee = Single(request.Assignee, request.Assignees, "assignee", "assignees", errors),
            CandidateGroup = Single(request.CandidateGroup, request.CandidateGroups, "candidateGroup", "candidateGroups", errors),
            CandidateUser = Single(request.CandidateUser, request.CandidateUsers, "candidateUser", "candidateUsers", errors),
            ProcessDefinitionKey = Key(request.ProcessDefinitionKey, "processDefinitionKey", errors),
            ProcessInstanceKey = Key(request.ProcessInstanceKey, "processInstanceKey", errors),
        };

        if (request.TenantIds is { Count: 1 } tenants)
        {
            filter = filter with { TenantId = tenants[0] };
        }

        if (request.DueDate is { } due)
        {
            // Tasklist's range is inclusive at both ends, at millisecond precision (its dates have no finer one); the index
            // compares strictly, and storage compares dates by the millisecond: one millisecond outside each end.
            if (Date(due.From, "dueDate.from", errors) is { } from)
            {
                filter = filter with { DueAfter = from.AddMilliseconds(-1) };
            }

            if (Date(due.To, "dueDate.to", errors) is { } to)
            {
                filter = filter with { DueBefore = to.AddMilliseconds(1) };
            }
        }

        if (request.Priority is { } priority && (priority.Gte is not null || priority.Gt is not null))
        {
            filter = filter with { PriorityAtLeast = Math.Max(priority.Gte ?? int.MinValue, priority.Gt is { } gt ? gt + 1 : int.MinValue) };
        }

        var (sort, descending) = Sort(request.Sort, errors);
        if (searchAfter is { Count: not 1 } || searchBefore is { Count: not 1 })
        {
            errors.Add($"{(searchAfter is not null ? "searchAfter" : "searchBefore")} must be the sortValues of a task this server returned (one opaque value).");
        }

        if (errors.Count > 0)
        {
            return Fail(string.Join(" ", errors));
        }

        var query = new UserTaskQuery(filter, sort, descending, request.PageSize ?? Math.Min(DefaultPageSize, maxPageSize), searchAfter?[0], searchBefore?[0]);
        return (new Translated(query, searchAfter is null && searchBefore is null), null);
    }

    private static (Translated?, string?) Fail(string message) => (null, message);

    // Empty lists count as absent: clients serialize unset arrays as [].
    private static IReadOnlyList<string>? Present(IReadOnlyList<string>? values) => values is { Count: > 0 } ? values : null;

    private static bool IsSet(JsonElement? element) =>
        element is { } e && e.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
        && !(e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 0);

    private static IEnumerable<string> UnknownFields(TaskSearchRequest request)
    {
        foreach (var name in request.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            yield return name;
        }

        foreach (var name in request.DueDate?.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            yield return "dueDate." + name;
        }

        foreach (var name in request.FollowUpDate?.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            yield return "followUpDate." + name;
        }

        foreach (var name in request.Priority?.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            yield return "priority." + name;
        }

        foreach (var entry in request.Sort ?? [])
        {
            foreach (var name in entry?.Unknown?.Keys ?? Enumerable.Empty<string>())
            {
                yield return "sort." + name;
            }
        }
    }

    private static IEnumerable<string> Unsupported(TaskSearchRequest request)
    {
        if (Present(request.SearchAfterOrEqual) is not null)
        {
            yield return "searchAfterOrEqual";
        }

        if (Present(request.SearchBeforeOrEqual) is not null)
        {
            yield return "searchBeforeOrEqual";
        }

        if (IsSet(request.TaskVariables))
        {
            yield return "taskVariables";
        }

        if (IsSet(request.IncludeVariables))
        {
            yield return "includeVariables";
        }

        if (request.Implementation is not null)
        {
            yield return "implementation";
        }

        if (request.FollowUpDate is { From: not null } or { To: not null })
        {
            yield return "followUpDate";
        }

        if (request.TenantIds is { Count: > 1 })
        {
            yield return "tenantIds (more than one tenant)";
        }

        if (request.Priority is { } priority)
        {
            foreach (var (name, value) in new[] { ("priority.eq", priority.Eq), ("priority.lt", priority.Lt), ("priority.lte", priority.Lte) })
            {
                if (value is not null)
                {
                    yield return name;
                }
            }
        }
    }

    private static UserTaskState? ParseState(string text) =>
        Enum.GetValues<UserTaskState>().Cast<UserTaskState?>()
            .FirstOrDefault(s => string.Equals(UserTaskErrors.StateName(s!.Value), text, StringComparison.OrdinalIgnoreCase));

    private static string? Single(string? single, IReadOnlyList<string>? list, string singleName, string listName, List<string> errors)
    {
        if (list is not { Count: > 0 })
        {
            return single;
        }

        if (list.Count > 1)
        {
            errors.Add($"{listName} with more than one value is not supported; give one value (or use {singleName}).");
            return null;
        }

        if (single is not null && single != list[0])
        {
            errors.Add($"{singleName} and {listName} disagree; give one of them.");
            return null;
        }

        return list[0];
    }

    private static long? Key(JsonElement? element, string field, List<string> errors)
    {
        if (element is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.String && ApiKeys.TryParse(e.GetString(), out var parsed))
        {
            return parsed;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var number) && number > 0)
        {
            return number;
        }

        errors.Add($"The provided {field} '{(e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())}' is not a valid key: expected a positive decimal number such as \"2251799813685249\".");
        return null;
    }

    /// <summary>ISO 8601 date-time with an offset (<c>Z</c>, <c>+01:00</c> or Tasklist's <c>+0100</c>).</summary>
    public static DateTimeOffset? Date(string? text, string field, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var match = DatePattern().Match(text);
        if (match.Success
            && DateTimeOffset.TryParse(
                match.Groups["offset"].Value.Length == 5 ? text[..^5] + text[^5..^2] + ":" + text[^2..] : text,
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{field} '{text}' is not a date-time: expected ISO 8601 with an offset, e.g. 2026-05-01T10:00:00.000Z.");
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(?<offset>Z|[+-]\d{2}:\d{2}|[+-]\d{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    private static (UserTaskSortField Field, bool Descending) Sort(IReadOnlyList<TaskSortEntry?>? sort, List<string> errors)
    {
        if (sort is not { Count: > 0 })
        {
            // Tasklist lists the newest tasks first when no order is asked for.
            return (UserTaskSortField.CreationDate, true);
        }

        if (sort.Count > 1)
        {
            errors.Add($"Only one sort entry is supported, got {sort.Count}.");
            return default;
        }

        var entry = sort[0];
        if (entry?.Field is not { } fieldText)
        {
            errors.Add("Sort field must not be null; use creationTime, dueDate, followUpDate or priority.");
            return default;
        }

        UserTaskSortField? field = fieldText.ToUpperInvariant() switch
        {
            "CREATIONTIME" => UserTaskSortField.CreationDate,
            "DUEDATE" => UserTaskSortField.DueDate,
            "FOLLOWUPDATE" => UserTaskSortField.FollowUpDate,
            "PRIORITY" => UserTaskSortField.Priority,
            _ => null,
        };
        if (field is null)
        {
            errors.Add(string.Equals(fieldText, "completionTime", StringComparison.OrdinalIgnoreCase)
                ? "Sorting by completionTime is not supported; sort by creationTime, dueDate, followUpDate or priority."
                : $"Unknown sort field '{fieldText}'; use creationTime, dueDate, followUpDate or priority.");
            return default;
        }

        bool? descending = entry.Order?.ToUpperInvariant() switch
        {
            null or "ASC" => false,
            "DESC" => true,
            _ => null,
        };
        if (descending is null)
        {
            errors.Add($"Unknown sort order '{entry.Order}'; use ASC or DESC.");
            return default;
        }

        return (field.Value, descending.Value);
    }
}
