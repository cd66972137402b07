using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Api.Tasklist;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.TaskIndex;
using TasklistResult = Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<TaskFunctions.Functions.Api.Tasklist.TasklistError>;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// The Camunda Tasklist REST API v1 subset (<c>/v1/tasks</c>, <c>/v1/forms</c>) for clients written against
/// Tasklist: search, get, assign, unassign, complete, a task's variables, forms. Reads are strongly consistent (the
/// task row itself, or the index the command projected before answering). Errors use Tasklist's body
/// (<see cref="TasklistError"/>), except the host's own answers to outages and unreadable requests (503/500/413,
/// RFC 9457).
/// </summary>
public static class TasklistApi
{
    private const string Tag = "Tasklist v1";

    /// <summary>The services the Tasklist handlers use, bound from DI by <c>[AsParameters]</c>.</summary>
    public sealed record Services(
        CommandProcessor Commands,
        InstanceStore Instances,
        KeyLookup Keys,
        UserTaskIndex Index,
        DefinitionStore Definitions,
        HttpSettings Http,
        IOptions<JsonOptions> JsonOptions)
    {
        public JsonSerializerOptions Json => JsonOptions.Value.SerializerOptions;
    }

    public static IEndpointRouteBuilder MapTasklistApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/v1/tasks").WithTags(Tag);
        tasks.MapPost("/search", SearchTasks)
            .WithName("TasklistSearchTasks")
            .Accepts<TaskSearchRequest>(isOptional: true, "application/json")
            .Produces<IReadOnlyList<TaskSearchResponse>>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest);
        tasks.MapGet("/{taskId}", GetTask)
            .WithName("TasklistGetTask")
            .Produces<TaskResponse>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        tasks.MapPatch("/{taskId}/assign", AssignTask)
            .WithName("TasklistAssignTask")
            .Accepts<TaskAssignRequest>(isOptional: true, "application/json")
            .Produces<TaskResponse>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        tasks.MapPatch("/{taskId}/unassign", UnassignTask)
            .WithName("TasklistUnassignTask")
            .Produces<TaskResponse>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        tasks.MapPatch("/{taskId}/complete", CompleteTask)
            .WithName("TasklistCompleteTask")
            .Accepts<TaskCompleteRequest>(isOptional: true, "application/json")
            .Produces<TaskResponse>()
            .ProducesTasklistErrors(
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge);
        tasks.MapPost("/{taskId}/variables/search", SearchTaskVariables)
            .WithName("TasklistSearchTaskVariables")
            .Accepts<VariablesSearchRequest>(isOptional: true, "application/json")
            .Produces<IReadOnlyList<VariableSearchResponse>>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapGet("/v1/forms/{formId}", GetForm)
            .WithTags(Tag)
            .WithName("TasklistGetForm")
            .Produces<FormResponse>()
            .ProducesTasklistErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    // The route's own errors in Tasklist's body; the host answers outages (503) in RFC 9457's.
    private static RouteHandlerBuilder ProducesTasklistErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<TasklistError>(status, TasklistErrors.ContentType);
        }

        return builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static async Task<Results<Ok<IReadOnlyList<TaskSearchResponse>>, TasklistResult>> SearchTasks(
        HttpRequest request, [AsParameters] Services services, CancellationToken ct)
    {
        var (body, invalid) = await ReadBodyAsync<TaskSearchRequest>(request, services.Json, ct).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        var (translated, error) = TaskSearchTranslation.Translate(body, services.Http.MaxPageSize);
        if (error is not null)
        {
            return TasklistErrors.BadRequest(error);
        }

        UserTaskSearchPage page;
        try
        {
            page = await services.Index.SearchAsync(translated!.Query, ct).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // Cursors the index does not accept (malformed, or from another sort order).
            return TasklistErrors.BadRequest(Unparameterized(e).Replace("'after'", "'searchAfter'", StringComparison.Ordinal)
                .Replace("'before'", "'searchBefore'", StringComparison.Ordinal));
        }

        var query = translated.Query;
        var responses = new TaskResponses(services.Definitions);
        var items = new List<TaskSearchResponse>(page.Items.Count);
        for (var i = 0; i < page.Items.Count; i++)
        {
            var task = page.Items[i];
            var cursor = UserTaskIndex.CursorOf(task, query.Sort, query.Descending);
            items.Add(await responses.ToSearchResponseAsync(task, cursor, translated.FromStart && i == 0, ct).ConfigureAwait(false));
        }

        return TypedResults.Ok<IReadOnlyList<TaskSearchResponse>>(items);
    }

    internal static async Task<Results<Ok<TaskResponse>, TasklistResult>> GetTask(
        string taskId, [AsParameters] Services services, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(taskId, out var key))
        {
            return TasklistErrors.InvalidTaskId(taskId);
        }

        var task = await ReadTaskAsync(services, key, ct).ConfigureAwait(false);
        return task is null
            ? TasklistErrors.TaskNotFound(key)
            : TypedResults.Ok(await new TaskResponses(services.Definitions).ToResponseAsync(task, ct).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<TaskResponse>, TasklistResult>> AssignTask(
        string taskId, HttpContext context, [AsParameters] Services services, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(taskId, out var key))
        {
            return TasklistErrors.InvalidTaskId(taskId);
        }

        var (body, invalid) = await ReadBodyAsync<TaskAssignRequest>(context.Request, services.Json, ct).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body?.Unknown is { Count: > 0 } unknown)
        {
            return TasklistErrors.BadRequest($"Unknown field(s): {string.Join(", ", unknown.Keys)}; the body has assignee and allowOverrideAssignment.");
        }

        var caller = context.GetCaller();
        var assignee = string.IsNullOrWhiteSpace(body?.Assignee) ? caller.UserId : body.Assignee;
        if (assignee is null)
        {
            return TasklistErrors.BadRequest("Assignee must be specified");
        }

        var command = new UserTaskCommand.Assign(assignee, body?.AllowOverrideAssignment ?? true);
        return await RunAsync(services, key, command, caller, ct).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<TaskResponse>, TasklistResult>> UnassignTask(
        string taskId, HttpContext context, [AsParameters] Services services, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(taskId, out var key))
        {
            return TasklistErrors.InvalidTaskId(taskId);
        }

        // Tasklist refuses to unassign a task nobody holds, where the engine's unassign is a no-op: check first.
        var task = await ReadTaskAsync(services, key, ct).ConfigureAwait(false);
        if (task is null)
        {
            return TasklistErrors.TaskNotFound(key);
        }

        if (!task.IsOpen)
        {
            return TasklistErrors.Coded(StatusCodes.Status400BadRequest, TasklistErrors.TaskIsNotActive,
                $"Task {key} is {UserTaskErrors.StateName(task.State)}; only an active task can be unassigned.");
        }

        if (task.Assignee is null)
        {
            return TasklistErrors.Coded(StatusCodes.Status400BadRequest, TasklistErrors.TaskNotAssigned, $"Task {key} is not assigned.");
        }

        return await RunAsync(services, key, new UserTaskCommand.Unassign(), context.GetCaller(), ct).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<TaskResponse>, TasklistResult>> CompleteTask(
        string taskId, HttpContext context, [AsParameters] Services services, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(taskId, out var key))
        {
            return TasklistErrors.InvalidTaskId(taskId);
        }

        var (body, invalid) = await ReadBodyAsync<TaskCompleteRequest>(context.Request, services.Json, ct).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body?.Unknown is { Count: > 0 } unknown)
        {
            return TasklistErrors.BadRequest($"Unknown field(s): {string.Join(", ", unknown.Keys)}; the body has variables.");
        }

        var (variables, error) = TasklistVariables.Assemble(body?.Variables);
        if (error is not null)
        {
            return TasklistErrors.BadRequest(error);
        }

        if (services.Http.CheckVariables(variables) is { } tooLarge)
        {
            return TasklistErrors.From(tooLarge);
        }

        return await RunAsync(services, key, new UserTaskCommand.Complete(variables), context.GetCaller(), ct).ConfigureAwait(false);
    }

    internal static async Task<Results<Ok<IReadOnlyList<VariableSearchResponse>>, TasklistResult>> SearchTaskVariables(
        string taskId, HttpRequest request, [AsParameters] Services services, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(taskId, out var key))
        {
            return TasklistErrors.InvalidTaskId(taskId);
        }

        var (body, invalid) = await ReadBodyAsync<VariablesSearchRequest>(request, services.Json, ct).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        var unknown = (body?.Unknown?.Keys ?? Enumerable.Empty<string>())
            .Concat((body?.IncludeVariables ?? []).SelectMany(v => v?.Unknown?.Keys.Select(k => "includeVariables." + k) ?? []))
            .ToList();
        if (unknown.Count > 0)
        {
            return TasklistErrors.BadRequest($"Unknown field(s): {string.Join(", ", unknown)}; the body has variableNames or includeVariables.");
        }

        if (body is { VariableNames.Count: > 0, IncludeVariables.Count: > 0 })
        {
            return TasklistErrors.BadRequest("Only one of [variableNames, includeVariables] must be present in request.");
        }

        if (body?.IncludeVariables?.Any(v => string.IsNullOrEmpty(v?.Name)) == true)
        {
            return TasklistErrors.BadRequest("Every entry of includeVariables needs a name.");
        }

        IReadOnlySet<string>? names = body switch
        {
            { VariableNames.Count: > 0 } => body.VariableNames.ToHashSet(StringComparer.Ordinal),
            { IncludeVariables.Count: > 0 } => body.IncludeVariables.Select(v => v!.Name!).ToHashSet(StringComparer.Ordinal),
            _ => null,
        };

        var (task, instanceKey) = await ApiReads.ReadUserTaskAsync(services.Keys, services.Instances, key, ct).ConfigureAwait(false);
        if (task is null
            || await services.Instances.ReadAsync(instanceKey, [], [], all: false, ct).ConfigureAwait(false) is not { } snapshot)
        {
            return TasklistErrors.TaskNotFound(key);
        }

        return TypedResults.Ok(TasklistVariables.Visible(snapshot.Instance.State, task, names));
    }

    internal static async Task<Results<Ok<FormResponse>, TasklistResult>> GetForm(
        string formId, string? processDefinitionKey, string? version, [AsParameters] Services services, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(processDefinitionKey))
        {
            return TasklistErrors.BadRequest("Required request parameter 'processDefinitionKey' is not present: give the key of the task's process definition.");
        }

        if (!ApiKeys.TryParse(processDefinitionKey, out var definitionKey))
        {
            return TasklistErrors.BadRequest(
                $"The provided processDefinitionKey '{processDefinitionKey}' is not a valid key: expected a positive decimal number such as \"2251799813685249\".");
        }

        int? formVersion = null;
        if (version is not null)
        {
            if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return TasklistErrors.BadRequest($"The provided version '{version}' is not a form version: expected a positive whole number.");
            }

            formVersion = parsed;
        }

        var process = await services.Definitions.GetProcessAsync(definitionKey, ct).ConfigureAwait(false);
        if (process is null)
        {
            return TasklistErrors.Error(StatusCodes.Status404NotFound, $"Process definition with key {definitionKey} was not found.");
        }

        // A form embedded in the process is addressed by its id without the camunda-forms:bpmn: prefix.
        if (process.Model.EmbeddedForms.TryGetValue(formId, out var embedded))
        {
            return TypedResults.Ok(new FormResponse(
                formId, ApiKeys.Format(definitionKey), formId, embedded.Schema, null, process.TenantId, false));
        }

        var linked = formVersion is { } v
            ? await services.Definitions.GetFormVersionAsync(formId, v, process.TenantId, ct).ConfigureAwait(false)
            : await services.Definitions.GetLatestFormAsync(formId, process.TenantId, ct).ConfigureAwait(false);
        return linked is null
            ? TasklistErrors.Error(StatusCodes.Status404NotFound,
                $"Form with id '{formId}'{(formVersion is null ? "" : $" version {formVersion}")} was not found for process definition {definitionKey}.")
            : TypedResults.Ok(new FormResponse(
                linked.FormId, ApiKeys.Format(definitionKey), linked.FormId, linked.Schema, linked.Version, linked.TenantId, false));
    }

    private static async Task<Results<Ok<TaskResponse>, TasklistResult>> RunAsync(
        Services services, long key, UserTaskCommand command, Caller caller, CancellationToken ct)
    {
        var result = await services.Commands.ExecuteUserTaskAsync(key, command, caller, ct).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return TasklistErrors.For(result.Error!);
        }

        var task = result.Instance!.UserTasks.TryGetValue(key, out var changed)
            ? changed
            : await ReadTaskAsync(services, key, ct).ConfigureAwait(false);
        return task is null
            ? TasklistErrors.TaskNotFound(key)
            : TypedResults.Ok(await new TaskResponses(services.Definitions).ToResponseAsync(task, ct).ConfigureAwait(false));
    }

    private static async Task<UserTask?> ReadTaskAsync(Services services, long key, CancellationToken ct) =>
        (await ApiReads.ReadUserTaskAsync(services.Keys, services.Instances, key, ct).ConfigureAwait(false)).Task;

    /// <summary>
    /// Reads an optional JSON body: none (or <c>null</c>) gives null; JSON that does not fit <typeparamref name="T"/>
    /// is a Tasklist 400 here rather than the host's RFC problem. The body size limit still applies (413 by the host).
    /// </summary>
    private static async Task<(T? Body, TasklistResult? Error)> ReadBodyAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            return (null, TasklistErrors.BadRequest(JsonErrors.InvalidUtf8));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(bytes.Span, options), null);
        }
        catch (JsonException e)
        {
            return (null, TasklistErrors.BadRequest(JsonErrors.Describe(e)));
        }
    }

    private static string Unparameterized(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
