using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// Reads Camunda's <c>page</c> object: <c>limit</c> (1 to the host's maximum page size), and at most one of the cursors
/// <c>after</c> / <c>before</c>. Pages are cursor-based, so offsets other than <c>from: 0</c> are refused with a 400
/// that says to follow the cursors.
/// </summary>
internal static class SearchPage
{
    public sealed record Result(int Limit, int From, string? After, string? Before, ProblemHttpResult? Problem);

    /// <summary>Reads the page; <paramref name="allowOffset"/> lets <c>from</c> take any value (in-memory results).</summary>
    public static Result Read(JsonObject page, int maxPageSize, int defaultLimit, bool allowOffset = false)
    {
        if (JsonBody.RejectUnknown(page, "page", "limit", "from", "after", "before") is { } unknown)
        {
            return Fail(unknown);
        }

        var limit = defaultLimit;
        if (page["limit"] is { } limitNode)
        {
            if (limitNode.GetValueKind() != JsonValueKind.Number || !limitNode.AsValue().TryGetValue<int>(out limit))
            {
                return Fail(ApiProblems.BadRequest($"'page.limit' must be an integer, got {limitNode.ToJsonString()}.", "page.limit"));
            }

            if (limit < 1 || limit > maxPageSize)
            {
                return Fail(ApiProblems.BadRequest(
                    $"'page.limit' must be between 1 and {maxPageSize} (host.json extensions.taskFunctions.http.maxPageSize), got {limit}.",
                    "page.limit"));
            }
        }

        var (after, afterProblem) = JsonBody.OptionalString(page, "after", "page");
        var (before, beforeProblem) = JsonBody.OptionalString(page, "before", "page");
        if ((afterProblem ?? beforeProblem) is { } cursorProblem)
        {
            return Fail(cursorProblem);
        }

        if (after is not null && before is not null)
        {
            return Fail(ApiProblems.BadRequest("Both after and before cannot be set at the same time.", "page.after", "page.before"));
        }

        if (page["from"] is { } fromNode)
        {
            if (after is not null || before is not null)
            {
                return Fail(ApiProblems.BadRequest("Both after/before and from cannot be set at the same time.", "page.from"));
            }

            if (fromNode.GetValueKind() != JsonValueKind.Number || !fromNode.AsValue().TryGetValue<int>(out var from) || from < 0)
            {
                return Fail(ApiProblems.BadRequest($"'page.from' must be a non-negative integer, got {fromNode.ToJsonString()}.", "page.from"));
            }

            if (from > 0 && !allowOffset)
            {
                return Fail(ApiProblems.BadRequest(
                    $"'page.from' {from} is not supported: pages are cursor-based, so they stay exact while tasks change. " +
                    "Ask for the first page (no from, or from 0), then pass its endCursor as 'page.after' for the next one.",
                    "page.from"));
            }

            return new Result(limit, from, null, null, null);
        }

        return new Result(limit, 0, after, before, null);
    }

    private static Result Fail(ProblemHttpResult problem) => new(0, 0, null, null, problem);
}
