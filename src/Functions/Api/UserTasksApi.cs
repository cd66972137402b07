using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Api.UserTasks;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.TaskIndex;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// The user-task resource in Camunda 8.8's REST API v2 shapes (<c>/v2/user-tasks</c>): search, count, get, assign,
/// unassign, update, complete, form and variables — plus claim, unclaim, failure, cancellation and the audit trail.
/// The write routes also answer under <c>/v1/user-tasks</c> (Camunda 8.5's paths). Reads are strongly consistent:
/// a single task and its variables are read from the instance's rows; searches read the task index, which every
/// command brings up to date before it answers.
/// </summary>
public static class UserTasksApi
{
    private const string Tag = "User tasks";
    private const string V2 = "/v2/user-tasks";
    private const string V1 = "/v1/user-tasks";

    public static IEndpointRouteBuilder MapUserTasksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{V2}/search", SearchAsync)
            .WithName("SearchUserTasks").WithTags(Tag)
            .Accepts<UserTaskSearchRequest>("application/json")
            .Produces<UserTaskSearchResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapPost($"{V2}/search/count", CountAsync)
            .WithName("CountUserTasks").WithTags(Tag)
            .Accepts<UserTaskCountRequest>("application/json")
            .Produces<UserTaskCountResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet($"{V2}/{{userTaskKey}}", GetAsync)
            .WithName("GetUserTask").WithTags(Tag)
            .Produces<UserTaskResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet($"{V2}/{{userTaskKey}}/form", GetFormAsync)
            .WithName("GetUserTaskForm").WithTags(Tag)
            .Produces<FormResult>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost($"{V2}/{{userTaskKey}}/variables/search", SearchVariablesAsync)
            .WithName("SearchUserTaskVariables").WithTags(Tag)
            .Accepts<UserTaskVariableSearchRequest>("application/json")
            .Produces<VariableSearchQueryResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet($"{V2}/{{userTaskKey}}/history", GetHistoryAsync)
            .WithName("GetUserTaskHistory").WithTags(Tag)
            .Produces<UserTaskHistoryResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        foreach (var (prefix, suffix) in new[] { (V2, ""), (V1, "V1") })
        {
            Command(app.MapPost($"{prefix}/{{userTaskKey}}/assignment", AssignAsync), $"AssignUserTask{suffix}")
                .Accepts<UserTaskAssignmentRequest>("application/json");
            Command(app.MapDelete($"{prefix}/{{userTaskKey}}/assignee", UnassignAsync), $"UnassignUserTask{suffix}");
            Command(app.MapPost($"{prefix}/{{userTaskKey}}/completion", CompleteAsync), $"CompleteUserTask{suffix}")
                .Accepts<UserTaskCompletionRequest>("application/json")
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
            Command(app.MapPatch($"{prefix}/{{userTaskKey}}", UpdateAsync), $"UpdateUserTask{suffix}")
                .Accepts<UserTaskUpdateRequest>("application/json");
            Command(app.MapPatch($"{prefix}/{{userTaskKey}}/update", UpdateLegacyAsync), $"UpdateUserTaskLegacyPath{suffix}")
                .Accepts<JsonObject>("application/json");
        }

        Command(app.MapPost($"{V2}/{{userTaskKey}}/claim", ClaimAsync), "ClaimUserTask");
        Command(app.MapPost($"{V2}/{{userTaskKey}}/unclaim", UnclaimAsync), "UnclaimUserTask");
        Command(app.MapPost($"{V2}/{{userTaskKey}}/failure", FailAsync), "FailUserTask")
            .Accepts<UserTaskFailureRequest>("application/json");
        Command(app.MapPost($"{V2}/{{userTaskKey}}/cancellation", CancelAsync), "CancelUserTask")
            .Accepts<UserTaskCancellationRequest>("application/json");
        return app;
    }

    private static RouteHandlerBuilder Command(RouteHandlerBuilder route, string name) =>
        route.WithName(name).WithTags(Tag)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<UserTaskSearchResult>, ProblemHttpResult>> SearchAsync(
        HttpContext context, UserTaskIndex index, DefinitionStore definitions, HttpSettings settings, CancellationToken ct)
    {
        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var request = new UserTaskSearchRequestReader(context.GetCaller(), settings).Read(body, countOnly: false);
        if (request.Problem is not null)
        {
            return request.Problem;
        }

        if (request.MatchesNothing)
        {
            return TypedResults.Ok(new UserTaskSearchResult([], new SearchPageResult { TotalItems = 0, HasMoreTotalItems = false }));
        }

        UserTaskSearchPage page;
        try
        {
            page = await index.SearchAsync(request.Query!, ct).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return IndexRejected(e);
        }

        var items = await new UserTaskResultMapper(definitions).MapAsync(page.Items, ct).ConfigureAwait(false);
        return TypedResults.Ok(new UserTaskSearchResult(items, new SearchPageResult
        {
            TotalItems = page.TotalItems,
            HasMoreTotalItems = page.HasMoreTotalItems,
            StartCursor = ApiFormats.ToApiCursor(page.StartCursor),
            EndCursor = ApiFormats.ToApiCursor(page.EndCursor),
        }));
    }

    internal static async Task<Results<Ok<UserTaskCountResult>, ProblemHttpResult>> CountAsync(
        HttpContext context, UserTaskIndex index, HttpSettings settings, CancellationToken ct)
    {
        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var request = new UserTaskSearchRequestReader(context.GetCaller(), settings).Read(body, countOnly: true);
        if (request.Problem is not null)
        {
            return request.Problem;
        }

        if (request.MatchesNothing)
        {
            return TypedResults.Ok(new UserTaskCountResult(0, false));
        }

        try
        {
            var count = await index.CountAsync(request.Query!.Filter, ct).ConfigureAwait(false);
            return TypedResults.Ok(new UserTaskCountResult(count.Count, !count.IsExact));
        }
        catch (ArgumentException e)
        {
            return IndexRejected(e);
        }
    }

    internal static async Task<Results<Ok<UserTaskResult>, ProblemHttpResult>> GetAsync(
        string userTaskKey, KeyLookup lookup, InstanceStore store, DefinitionStore definitions, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var task = await ReadTaskAsync(key, lookup, store, ct).ConfigureAwait(false);
        return task is null
            ? TaskNotFound(key)
            : TypedResults.Ok(await new UserTaskResultMapper(definitions).MapAsync(task, ct).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<FormResult>, NoContent, ProblemHttpResult>> GetFormAsync(
        string userTaskKey, KeyLookup lookup, InstanceStore store, DefinitionStore definitions, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var task = await ReadTaskAsync(key, lookup, store, ct).ConfigureAwait(false);
        if (task is null)
        {
            return TaskNotFound(key);
        }

        var form = await definitions.ResolveFormAsync(task, ct).ConfigureAwait(false);
        if (form is null)
        {
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(new FormResult(
            form.TenantId, form.FormId, JsonNode.Parse(form.Schema) ?? new JsonObject(), form.Version, ApiKeys.Format(form.FormKey)));
    }

    internal static async Task<Results<Ok<VariableSearchQueryResult>, ProblemHttpResult>> SearchVariablesAsync(
        string userTaskKey, HttpContext context, KeyLookup lookup, InstanceStore store, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var truncate = true;
        if (context.Request.Query.TryGetValue("truncateValues", out var truncateValues)
            && !bool.TryParse(truncateValues.ToString(), out truncate))
        {
            return ApiProblems.BadRequest($"'truncateValues' must be true or false, got '{truncateValues}'.", "truncateValues");
        }

        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (await lookup.FindProcessInstanceAsync(key, ct).ConfigureAwait(false) is not { } instanceKey
            || await store.ReadAsync(instanceKey, [key], [], all: false, ct).ConfigureAwait(false) is not { } snapshot
            || !snapshot.Instance.UserTasks.TryGetValue(key, out var task))
        {
            return TaskNotFound(key);
        }

        var variables = UserTaskVariables.Visible(snapshot.Instance.State, task, truncate);
        var (result, problem) = UserTaskVariables.Search(variables, body, settings.MaxPageSize);
        return problem ?? (Results<Ok<VariableSearchQueryResult>, ProblemHttpResult>)TypedResults.Ok(result!);
    }

    internal static async Task<Results<Ok<UserTaskHistoryResult>, ProblemHttpResult>> GetHistoryAsync(
        string userTaskKey, KeyLookup lookup, InstanceStore store, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (task, instanceKey) = await ApiReads.ReadUserTaskAsync(lookup, store, key, ct).ConfigureAwait(false);
        if (task is null)
        {
            return TaskNotFound(key);
        }

        var history = await store.ReadHistoryAsync(instanceKey, ct).ConfigureAwait(false);
        var items = history.Where(e => e.UserTaskKey == key).Select(HistoryEntry).ToList();
        return TypedResults.Ok(new UserTaskHistoryResult(ApiKeys.Format(key), ApiKeys.Format(instanceKey), items)
        {
            ExpectedOutputs = task.ExpectedOutputs,
        });
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AssignAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        problem ??= JsonBody.RejectUnknown(body, "", "assignee", "allowOverride", "action");
        var (assignee, assigneeProblem) = JsonBody.OptionalString(body, "assignee");
        var (allowOverride, overrideProblem) = JsonBody.OptionalBool(body, "allowOverride");
        var (_, actionProblem) = JsonBody.OptionalString(body, "action");
        if ((problem ?? assigneeProblem ?? overrideProblem ?? actionProblem) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(assignee))
        {
            return ApiProblems.BadRequest(
                "No assignee provided. Give the id of the user to assign the task to, or DELETE …/assignee to unassign it.", "assignee");
        }

        // allowOverride false is Camunda's claim: refused while someone else holds the task.
        return await ExecuteAsync(processor, key, new UserTaskCommand.Assign(assignee, allowOverride), context, ct).ConfigureAwait(false);
    }

    internal static Task<Results<NoContent, ProblemHttpResult>> UnassignAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, CancellationToken ct) =>
        ApiKeys.TryParse(userTaskKey, out var key)
            ? ExecuteAsync(processor, key, new UserTaskCommand.Unassign(), context, ct)
            : Task.FromResult<Results<NoContent, ProblemHttpResult>>(ApiKeys.Invalid("userTaskKey", userTaskKey));

    internal static Task<Results<NoContent, ProblemHttpResult>> ClaimAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, CancellationToken ct) =>
        ApiKeys.TryParse(userTaskKey, out var key)
            ? ExecuteAsync(processor, key, new UserTaskCommand.Claim(), context, ct)
            : Task.FromResult<Results<NoContent, ProblemHttpResult>>(ApiKeys.Invalid("userTaskKey", userTaskKey));

    internal static Task<Results<NoContent, ProblemHttpResult>> UnclaimAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, CancellationToken ct) =>
        ApiKeys.TryParse(userTaskKey, out var key)
            ? ExecuteAsync(processor, key, new UserTaskCommand.Unclaim(), context, ct)
            : Task.FromResult<Results<NoContent, ProblemHttpResult>>(ApiKeys.Invalid("userTaskKey", userTaskKey));

    internal static async Task<Results<NoContent, ProblemHttpResult>> CompleteAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        problem ??= JsonBody.RejectUnknown(body, "", "variables", "action");
        var (variables, variablesProblem) = JsonBody.OptionalObject(body, "variables");
        var (_, actionProblem) = JsonBody.OptionalString(body, "action");
        if ((problem ?? variablesProblem ?? actionProblem ?? settings.CheckVariables(variables)) is { } invalid)
        {
            return invalid;
        }

        return await ExecuteAsync(processor, key, new UserTaskCommand.Complete(variables), context, ct).ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        return problem ?? await ApplyUpdateAsync(key, body, context, processor, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>PATCH …/{key}/update</c>: the path of the 8.5-era specification that the <c>@camunda8/sdk</c> still calls,
    /// with the bare changeset as body; a body in the current <c>{changeset, action}</c> shape is accepted too.
    /// </summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> UpdateLegacyAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var wrapped = body is null || body.ContainsKey("changeset") || body.ContainsKey("action");
        return await ApplyUpdateAsync(key, wrapped ? body : new JsonObject { ["changeset"] = body!.DeepClone() }, context, processor, ct).ConfigureAwait(false);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ApplyUpdateAsync(
        long key, JsonObject? body, HttpContext context, CommandProcessor processor, CancellationToken ct)
    {
        var problem = JsonBody.RejectUnknown(body, "", "changeset", "action");
        var (changeset, changesetProblem) = JsonBody.OptionalObject(body, "changeset");
        var (action, actionProblem) = JsonBody.OptionalString(body, "action");
        if ((problem ?? changesetProblem ?? actionProblem) is { } invalid)
        {
            return invalid;
        }

        var parsed = UserTaskChangeset.FromJson(changeset);
        if (!parsed.IsSuccess)
        {
            return ApiProblems.For(parsed.Error!);
        }

        if (parsed.Changeset!.IsEmpty && string.IsNullOrWhiteSpace(action))
        {
            return ApiProblems.BadRequest(
                "No update data provided. Provide at least an \"action\" or a non-null value for a supported attribute in the \"changeset\" " +
                "(dueDate, followUpDate, candidateUsers, candidateGroups, priority).",
                "changeset");
        }

        return await ExecuteAsync(processor, key, new UserTaskCommand.Update(parsed.Changeset), context, ct).ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> FailAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        problem ??= JsonBody.RejectUnknown(body, "", "errorCode", "errorMessage");
        var (errorCode, codeProblem) = JsonBody.OptionalString(body, "errorCode");
        var (errorMessage, messageProblem) = JsonBody.OptionalString(body, "errorMessage");
        if ((problem ?? codeProblem ?? messageProblem) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(errorMessage))
        {
            return ApiProblems.BadRequest(
                "No errorMessage provided: failing a user task needs a message saying what went wrong; errorCode (the BPMN error code) is optional.",
                "errorMessage");
        }

        var code = string.IsNullOrWhiteSpace(errorCode) ? null : errorCode;
        return await ExecuteAsync(processor, key, new UserTaskCommand.Fail(code, errorMessage), context, ct).ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        string userTaskKey, HttpContext context, CommandProcessor processor, HttpSettings settings, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(userTaskKey, out var key))
        {
            return ApiKeys.Invalid("userTaskKey", userTaskKey);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, settings).ConfigureAwait(false);
        problem ??= JsonBody.RejectUnknown(body, "", "reason");
        var (reason, reasonProblem) = JsonBody.OptionalString(body, "reason");
        if ((problem ?? reasonProblem) is { } invalid)
        {
            return invalid;
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason;
        return await ExecuteAsync(processor, key, new UserTaskCommand.Cancel(why), context, ct).ConfigureAwait(false);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(
        CommandProcessor processor, long key, UserTaskCommand command, HttpContext context, CancellationToken ct)
    {
        var result = await processor.ExecuteUserTaskAsync(key, command, context.GetCaller(), ct).ConfigureAwait(false);
        return result.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(result.Error!);
    }

    private static async Task<UserTask?> ReadTaskAsync(long key, KeyLookup lookup, InstanceStore store, CancellationToken ct) =>
        (await ApiReads.ReadUserTaskAsync(lookup, store, key, ct).ConfigureAwait(false)).Task;

    private static ProblemHttpResult TaskNotFound(long key) =>
        ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"User Task with key {key} not found"));

    // The index rejects what the request reader cannot know, such as a cursor issued for another sort.
    private static ProblemHttpResult IndexRejected(ArgumentException e)
    {
        var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
        if (e is ArgumentOutOfRangeException && message.Contains("Actual value", StringComparison.Ordinal))
        {
            message = message[..message.IndexOf("Actual value", StringComparison.Ordinal)].TrimEnd();
        }

        string[] fields = e.ParamName switch
        {
            null => [],
            "after" or "before" or "limit" => [$"page.{e.ParamName}"],
            _ => [e.ParamName],
        };
        return ApiProblems.BadRequest(message, fields);
    }

    private static UserTaskHistoryEntry HistoryEntry(ProcessEvent e)
    {
        var details = e.Data?.DeepClone().AsObject();
        string? kind = null;
        if (details is not null)
        {
            if (e.Type == ProcessEventType.UserTaskEvent && details["kind"] is { } k && k.GetValueKind() == JsonValueKind.String)
            {
                kind = k.GetValue<string>();
            }

            // Who, when and which task are already on the entry.
            foreach (var duplicate in new[] { "kind", "userTaskKey", "actor", "timestamp" })
            {
                details.Remove(duplicate);
            }
        }

        return new UserTaskHistoryEntry
        {
            Sequence = e.Sequence,
            Timestamp = ApiFormats.Date(e.Timestamp),
            Actor = e.Actor,
            Type = JsonNamingPolicy.SnakeCaseUpper.ConvertName(e.Type.ToString()),
            Event = kind,
            ElementId = e.ElementId,
            Details = details is { Count: > 0 } ? details : null,
        };
    }
}
