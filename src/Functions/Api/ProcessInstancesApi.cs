using System.Globalization;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Functions.Api.Processes;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>/v2/process-instances</c>: start, read, search and cancel process instances, and read an instance's variables
/// and incidents, shaped like Camunda 8's orchestration cluster API.
/// </summary>
public static class ProcessInstancesApi
{
    public static IEndpointRouteBuilder MapProcessInstancesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/process-instances", CreateProcessInstance)
            .WithName("CreateProcessInstance")
            .WithTags("Process instances")
            .Accepts<CreateProcessInstanceRequest>("application/json")
            .Produces<CreateProcessInstanceResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var group = app.MapGroup("/v2/process-instances").WithTags("Process instances");
        group.MapPost("/search", SearchProcessInstances)
            .WithName("SearchProcessInstances")
            .Accepts<SearchRequest>(isOptional: true, "application/json")
            .Produces<SearchResponse<ProcessInstanceResponse>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{processInstanceKey}", GetProcessInstance)
            .WithName("GetProcessInstance")
            .Produces<ProcessInstanceResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{processInstanceKey}/cancellation", CancelProcessInstance)
            .WithName("CancelProcessInstance")
            .RequireAdministrator()
            .Accepts<OperationRequest>(isOptional: true, "application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{processInstanceKey}/variables/search", SearchProcessInstanceVariables)
            .WithName("SearchProcessInstanceVariables")
            .Accepts<SearchRequest>(isOptional: true, "application/json")
            .Produces<SearchResponse<VariableResponse>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{processInstanceKey}/incidents/search", SearchProcessInstanceIncidents)
            .WithName("SearchProcessInstanceIncidents")
            .Accepts<SearchRequest>(isOptional: true, "application/json")
            .Produces<SearchResponse<IncidentResponse>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The services the process-instance routes use.</summary>
    public sealed record Services(DefinitionStore Definitions, CommandProcessor Commands, InstanceStore Instances, HttpSettings Http);

    internal static async Task<Results<Ok<CreateProcessInstanceResponse>, ProblemHttpResult>> CreateProcessInstance(
        CreateProcessInstanceRequest body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiFormats.RejectUnknown(body.Unknown) is { } unknown)
        {
            return unknown;
        }

        if (CheckUnsupported(body) is { } unsupported)
        {
            return unsupported;
        }

        if (ApiFormats.CheckTenant(body.TenantId) is { } badTenant)
        {
            return badTenant;
        }

        if (services.Http.CheckVariables(body.Variables) is { } tooLarge)
        {
            return tooLarge;
        }

        var resolved = await ResolveDefinitionAsync(body, services.Definitions, cancellationToken).ConfigureAwait(false);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        var process = resolved.Process!;
        var result = await services.Commands.StartInstanceAsync(process, body.Variables, context.GetCaller(), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return ApiProblems.For(result.Error!);
        }

        var instance = result.Instance!;
        // The root scope as the start left it: the given variables plus whatever ran before the first wait state.
        var variables = instance.State.Variables.TryGetValue(instance.ProcessInstanceKey, out var root) ? root : [];
        return TypedResults.Ok(new CreateProcessInstanceResponse(
            process.BpmnProcessId,
            process.Version,
            process.TenantId,
            variables,
            ApiKeys.Format(process.ProcessDefinitionKey),
            ApiKeys.Format(instance.ProcessInstanceKey)));
    }

    internal static async Task<Results<Ok<ProcessInstanceResponse>, ProblemHttpResult>> GetProcessInstance(
        string processInstanceKey, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processInstanceKey, out var key))
        {
            return ApiKeys.Invalid("processInstanceKey", processInstanceKey);
        }

        var snapshot = await services.Instances.ReadAsync(key, [], [], all: false, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return NotFound(key);
        }

        var state = snapshot.Instance.State;
        var process = await services.Definitions.GetProcessAsync(state.ProcessDefinitionKey, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ProcessInstanceViews.Instance(state, process));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CancelProcessInstance(
        string processInstanceKey, OperationRequest? body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processInstanceKey, out var key))
        {
            return ApiKeys.Invalid("processInstanceKey", processInstanceKey);
        }

        if (ApiFormats.RejectUnknown(body?.Unknown, null, "operationReference") is { } unknown)
        {
            return unknown;
        }

        var result = await services.Commands.ExecuteAsync(key, new CancelInstance(), context.GetCaller(), cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(result.Error!);
    }

    internal static async Task<Results<Ok<SearchResponse<ProcessInstanceResponse>>, ProblemHttpResult>> SearchProcessInstances(
        SearchRequest? body, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        body ??= new SearchRequest();
        if (ApiFormats.RejectUnknown(body.Unknown, null, "filter", "sort", "page") is { } unknown)
        {
            return unknown;
        }

        if (PageSpec.TryRead(body.Page, services.Http.MaxPageSize, out var page) is { } badPage)
        {
            return badPage;
        }

        if (body.Sort is { Count: > 0 })
        {
            return ApiProblems.BadRequest(
                "Process instances cannot be sorted: a search returns them in the order of their keys as stored (a scan of the instance rows).", "sort");
        }

        if (page.From > 0 || page.Before is not null)
        {
            return ApiProblems.BadRequest(
                "A process-instance search pages forward only: pass the endCursor of the previous page as page.after (page.from and page.before are not supported).",
                page.From > 0 ? "page.from" : "page.before");
        }

        if (InstanceSearch.TryBuildFilter(body.Filter, out var filter) is { } badFilter)
        {
            return badFilter;
        }

        string? token = null;
        if (page.After is not null && (token = InstanceSearch.ReadCursor(page.After)) is null)
        {
            return Cursors.Invalid("page.after");
        }

        var (rows, next) = await InstanceSearch.ReadPageAsync(services.Instances.Table, filter, page.Limit, token, cancellationToken).ConfigureAwait(false);
        var items = new List<ProcessInstanceResponse>(rows.Count);
        foreach (var row in rows)
        {
            var state = InstanceRows.ReadState(row);
            var process = await services.Definitions.GetProcessAsync(state.ProcessDefinitionKey, cancellationToken).ConfigureAwait(false);
            items.Add(ProcessInstanceViews.Instance(state, process));
        }

        return TypedResults.Ok(new SearchResponse<ProcessInstanceResponse>(items, new SearchPageResponse(items.Count)
        {
            HasMoreTotalItems = next is null ? null : true,
            EndCursor = next is null ? null : InstanceSearch.WriteCursor(next),
        }));
    }

    internal static async Task<Results<Ok<SearchResponse<VariableResponse>>, ProblemHttpResult>> SearchProcessInstanceVariables(
        string processInstanceKey, SearchRequest? body, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processInstanceKey, out var key))
        {
            return ApiKeys.Invalid("processInstanceKey", processInstanceKey);
        }

        return await SearchVariablesAsync(key, body ?? new SearchRequest(), services, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The variables of one instance, filtered by name or scope key, paged by offset.</summary>
    internal static async Task<Results<Ok<SearchResponse<VariableResponse>>, ProblemHttpResult>> SearchVariablesAsync(
        long key, SearchRequest body, Services services, CancellationToken cancellationToken)
    {
        if (ReadInMemorySearch(body, services.Http, ["name", "scopeKey"], out var page, out var conditions) is { } bad)
        {
            return bad;
        }

        var snapshot = await services.Instances.ReadAsync(key, [], [], all: false, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return NotFound(key);
        }

        var state = snapshot.Instance.State;
        var tenant = await TenantOfAsync(state, services.Definitions, cancellationToken).ConfigureAwait(false);
        var matches = ProcessInstanceViews.Variables(state, tenant)
            .Where(v => conditions.All(c => c.Matches(c.Field == "name" ? v.Name : v.ScopeKey)))
            .ToList();
        return OffsetPages.TrySlice(matches, page, truncated: false, out var response) is { } badCursor ? badCursor : TypedResults.Ok(response);
    }

    internal static async Task<Results<Ok<SearchResponse<IncidentResponse>>, ProblemHttpResult>> SearchProcessInstanceIncidents(
        string processInstanceKey, SearchRequest? body, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processInstanceKey, out var key))
        {
            return ApiKeys.Invalid("processInstanceKey", processInstanceKey);
        }

        body ??= new SearchRequest();
        if (ReadInMemorySearch(body, services.Http, ["errorType", "elementId", "jobKey", "state"], out var page, out var conditions) is { } bad)
        {
            return bad;
        }

        var snapshot = await services.Instances.ReadAsync(key, [], [], all: false, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return NotFound(key);
        }

        var state = snapshot.Instance.State;
        var tenant = await TenantOfAsync(state, services.Definitions, cancellationToken).ConfigureAwait(false);
        var matches = ProcessInstanceViews.Incidents(state, tenant)
            .Where(i => conditions.All(c => c.Matches(c.Field switch
            {
                "errorType" => i.ErrorType,
                "elementId" => i.ElementId,
                "jobKey" => i.JobKey,
                _ => i.State,
            })))
            .ToList();
        return OffsetPages.TrySlice(matches, page, truncated: false, out var response) is { } badCursor ? badCursor : TypedResults.Ok(response);
    }

    // The searches over one instance's state: no sort (the order is fixed), filters on the named fields.
    private static ProblemHttpResult? ReadInMemorySearch(
        SearchRequest body, HttpSettings http, string[] filterFields, out PageSpec page, out List<FieldCondition> conditions)
    {
        conditions = [];
        page = new PageSpec(0, 0, null, null);
        if (ApiFormats.RejectUnknown(body.Unknown, null, "filter", "page") is { } unknown)
        {
            return unknown;
        }

        if (body.Sort is { Count: > 0 })
        {
            return ApiProblems.BadRequest("This search cannot be sorted; its items come in a fixed order.", "sort");
        }

        if (PageSpec.TryRead(body.Page, http.MaxPageSize, out page) is { } badPage)
        {
            return badPage;
        }

        foreach (var (name, node) in body.Filter ?? [])
        {
            if (!filterFields.Contains(name, StringComparer.Ordinal))
            {
                return ApiProblems.BadRequest(
                    $"Unknown or unsupported filter field 'filter.{name}'. Supported: {string.Join(", ", filterFields)}.", $"filter.{name}");
            }

            if (FieldCondition.TryRead(node, name, out var condition) is { } badCondition)
            {
                return badCondition;
            }

            conditions.Add(condition);
        }

        return null;
    }

    private static async Task<string> TenantOfAsync(ProcessInstanceState state, DefinitionStore definitions, CancellationToken cancellationToken) =>
        ApiFormats.Tenant((await definitions.GetProcessAsync(state.ProcessDefinitionKey, cancellationToken).ConfigureAwait(false))?.TenantId);

    private static ProblemHttpResult NotFound(long key) =>
        ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"Process instance with key {key} not found."));

    private static ProblemHttpResult? CheckUnsupported(CreateProcessInstanceRequest body)
    {
        if (body.StartInstructions is { Count: > 0 })
        {
            return ApiProblems.BadRequest("startInstructions are not supported: an instance always starts at the process's none start event.", "startInstructions");
        }

        if (body.RuntimeInstructions is { Count: > 0 })
        {
            return ApiProblems.BadRequest("runtimeInstructions are not supported.", "runtimeInstructions");
        }

        if (body.AwaitCompletion == true)
        {
            return ApiProblems.BadRequest(
                "awaitCompletion is not supported: start the instance, then read it with GET /v2/process-instances/{processInstanceKey}.",
                "awaitCompletion");
        }

        if (body.Tags is { Count: > 0 })
        {
            return ApiProblems.BadRequest("Process instance tags are not supported.", "tags");
        }

        return null;
    }

    private static async Task<(DeployedProcess? Process, ProblemHttpResult? Problem)> ResolveDefinitionAsync(
        CreateProcessInstanceRequest body, DefinitionStore definitions, CancellationToken cancellationToken)
    {
        var hasId = !string.IsNullOrEmpty(body.ProcessDefinitionId);
        var hasKey = !string.IsNullOrEmpty(body.ProcessDefinitionKey);
        if (hasId == hasKey)
        {
            return (null, ApiProblems.BadRequest(
                hasId
                    ? "Give either processDefinitionId (with an optional processDefinitionVersion) or processDefinitionKey, not both."
                    : "Name the process to start: processDefinitionId (with an optional processDefinitionVersion) or processDefinitionKey.",
                "processDefinitionId", "processDefinitionKey"));
        }

        var tenant = ApiFormats.Tenant(body.TenantId);
        if (hasKey)
        {
            if (body.ProcessDefinitionVersion is { } v && v != -1)
            {
                return (null, ApiProblems.BadRequest(
                    "processDefinitionVersion goes with processDefinitionId; a processDefinitionKey already names one version.", "processDefinitionVersion"));
            }

            if (!ApiKeys.TryParse(body.ProcessDefinitionKey, out var key))
            {
                return (null, ApiKeys.Invalid("processDefinitionKey", body.ProcessDefinitionKey));
            }

            var byKey = await definitions.GetProcessAsync(key, cancellationToken).ConfigureAwait(false);
            // A definition of another tenant is as unknown as a missing one, as in Camunda.
            return byKey is null || (body.TenantId is not null && byKey.TenantId != tenant)
                ? (null, ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture,
                    $"No process definition with key {key} is deployed{(body.TenantId is null ? "" : $" in tenant '{tenant}'")}.")))
                : (byKey, null);
        }

        var id = body.ProcessDefinitionId!;
        var version = body.ProcessDefinitionVersion ?? -1;
        if (version is 0 or < -1)
        {
            return (null, ApiProblems.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"processDefinitionVersion must be 1 or more, or -1 for the latest version; got {version}."),
                "processDefinitionVersion"));
        }

        var byId = version == -1
            ? await definitions.GetLatestProcessAsync(id, tenant, cancellationToken).ConfigureAwait(false)
            : await definitions.GetProcessVersionAsync(id, version, tenant, cancellationToken).ConfigureAwait(false);
        return byId is null
            ? (null, ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"No process definition with id '{id}'{(version == -1 ? "" : $" and version {version}")} is deployed in tenant '{tenant}'.")))
            : (byId, null);
    }
}
