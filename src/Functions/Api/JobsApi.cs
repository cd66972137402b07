using System.Globalization;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Functions.Api.Processes;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Jobs;
using TaskFunctions.Storage.Runtime;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>/v2/jobs</c>: external workers activate the jobs of service tasks (long polling until jobs appear) and report
/// completion, failure or a BPMN error, shaped like Camunda 8's orchestration cluster API.
/// </summary>
public static class JobsApi
{
    /// <summary>How long an activation waits for jobs when the request gives no <c>requestTimeout</c> (or 0).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>requestTimeout</c> accepted, in ms: hosting front ends close idle requests after a few minutes.</summary>
    public const long MaxRequestTimeoutMs = 300_000;

    /// <summary>How often a waiting activation looks for new jobs.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The worker name recorded when the request gives none.</summary>
    public const string DefaultWorker = "default";

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/jobs").WithTags("Jobs");
        group.MapPost("/activation", ActivateJobs)
            .WithName("ActivateJobs")
            .Produces<ActivateJobsResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{jobKey}/completion", CompleteJob)
            .WithName("CompleteJob")
            .Accepts<CompleteJobRequest>(isOptional: true, "application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{jobKey}/failure", FailJob)
            .WithName("FailJob")
            .Accepts<FailJobRequest>(isOptional: true, "application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{jobKey}/error", ThrowJobError)
            .WithName("ThrowJobError")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPatch("/{jobKey}", UpdateJob)
            .WithName("UpdateJob")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The services the job routes use.</summary>
    public sealed record Services(JobActivator Activator, CommandProcessor Commands, DefinitionStore Definitions, HttpSettings Http, TimeProvider Time);

    internal static async Task<Results<Ok<ActivateJobsResponse>, ProblemHttpResult>> ActivateJobs(
        ActivateJobsRequest body, [AsParameters] Services services, CancellationToken cancellationToken)
    {
        if (CheckActivation(body) is { } invalid)
        {
            return invalid;
        }

        var worker = string.IsNullOrEmpty(body.Worker) ? DefaultWorker : body.Worker;
        var lockFor = TimeSpan.FromMilliseconds(body.Timeout!.Value);
        var wait = body.RequestTimeout switch
        {
            null or 0 => DefaultRequestTimeout,
            < 0 => TimeSpan.Zero,
            { } ms => TimeSpan.FromMilliseconds(ms),
        };

        // Long polling: look again every PollInterval until a job is there or the wait is over. New jobs reach the
        // queue table through the outbox right after their command commits, so a short interval finds them promptly.
        var waitUntil = services.Time.GetUtcNow() + wait;
        IReadOnlyList<ActivatedJob> activated;
        while (true)
        {
            activated = await services.Activator.ActivateJobsAsync(body.Type!, worker, lockFor, body.MaxJobsToActivate!.Value, cancellationToken)
                .ConfigureAwait(false);
            var left = waitUntil - services.Time.GetUtcNow();
            if (activated.Count > 0 || left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, services.Time, cancellationToken).ConfigureAwait(false);
        }

        var jobs = new List<ActivatedJobResponse>(activated.Count);
        foreach (var item in activated)
        {
            var process = await services.Definitions.GetProcessAsync(item.Job.ProcessDefinitionKey, cancellationToken).ConfigureAwait(false);
            jobs.Add(View(item, process, body.FetchVariable));
        }

        return TypedResults.Ok(new ActivateJobsResponse(jobs));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CompleteJob(
        string jobKey, CompleteJobRequest? body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(jobKey, out var key))
        {
            return ApiKeys.Invalid("jobKey", jobKey);
        }

        body ??= new CompleteJobRequest();
        if (ApiFormats.RejectUnknown(body.Unknown, null, "variables", "result") is { } unknown)
        {
            return unknown;
        }

        if (body.Result is not null)
        {
            return ApiProblems.BadRequest("A job result (corrections of task-listener jobs, ad-hoc sub-process activation) is not supported.", "result");
        }

        if (services.Http.CheckVariables(body.Variables) is { } tooLarge)
        {
            return tooLarge;
        }

        return await RunAsync(services, key, new CompleteJob(key, body.Variables), context.GetCaller(), cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> FailJob(
        string jobKey, FailJobRequest? body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(jobKey, out var key))
        {
            return ApiKeys.Invalid("jobKey", jobKey);
        }

        body ??= new FailJobRequest();
        if (ApiFormats.RejectUnknown(body.Unknown, null, "retries", "errorMessage", "retryBackOff", "variables") is { } unknown)
        {
            return unknown;
        }

        if (body.Variables is { Count: > 0 })
        {
            return ApiProblems.BadRequest(
                "Variables on a job failure are not supported; set them with the job's completion or error, or fix them before resolving the incident.",
                "variables");
        }

        if (body.Retries is < 0)
        {
            return ApiProblems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"retries must be 0 or more, got {body.Retries}."), "retries");
        }

        if (body.RetryBackOff is < 0)
        {
            return ApiProblems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"retryBackOff must be 0 or more milliseconds, got {body.RetryBackOff}."), "retryBackOff");
        }

        var backoff = body.RetryBackOff is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        return await RunAsync(services, key, new FailJob(key, body.Retries ?? 0, body.ErrorMessage, backoff), context.GetCaller(), cancellationToken)
            .ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ThrowJobError(
        string jobKey, ThrowJobErrorRequest body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(jobKey, out var key))
        {
            return ApiKeys.Invalid("jobKey", jobKey);
        }

        if (ApiFormats.RejectUnknown(body.Unknown, null, "errorCode", "errorMessage", "variables") is { } unknown)
        {
            return unknown;
        }

        if (string.IsNullOrWhiteSpace(body.ErrorCode))
        {
            return ApiProblems.BadRequest("errorCode is required: the code an error boundary event of the job's task catches.", "errorCode");
        }

        if (services.Http.CheckVariables(body.Variables) is { } tooLarge)
        {
            return tooLarge;
        }

        return await RunAsync(services, key, new ThrowJobError(key, body.ErrorCode, body.ErrorMessage, body.Variables), context.GetCaller(), cancellationToken)
            .ConfigureAwait(false);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> UpdateJob(
        string jobKey, UpdateJobRequest body, [AsParameters] Services services, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(jobKey, out var key))
        {
            return ApiKeys.Invalid("jobKey", jobKey);
        }

        if (ApiFormats.RejectUnknown(body.Unknown, null, "changeset", "operationReference") is { } unknown)
        {
            return unknown;
        }

        if (ApiFormats.RejectUnknown(body.Changeset?.Unknown, "changeset", "retries", "timeout") is { } unknownChange)
        {
            return unknownChange;
        }

        if (body.Changeset?.Timeout is not null)
        {
            return ApiProblems.BadRequest("Changing a job's timeout is not supported; only changeset.retries can be changed.", "changeset.timeout");
        }

        if (body.Changeset?.Retries is not { } retries)
        {
            return ApiProblems.BadRequest("No update data provided: give changeset.retries.", "changeset.retries");
        }

        if (retries < 0)
        {
            return ApiProblems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"changeset.retries must be 0 or more, got {retries}."), "changeset.retries");
        }

        return await RunAsync(services, key, new UpdateJobRetries(key, retries), context.GetCaller(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RunAsync(
        Services services, long jobKey, ProcessCommand command, Caller caller, CancellationToken cancellationToken)
    {
        var result = await services.Commands.ExecuteJobAsync(jobKey, command, caller, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(result.Error!);
    }

    private static ProblemHttpResult? CheckActivation(ActivateJobsRequest body)
    {
        if (ApiFormats.RejectUnknown(body.Unknown, null, "type", "worker", "timeout", "maxJobsToActivate", "fetchVariable", "requestTimeout", "tenantIds") is { } unknown)
        {
            return unknown;
        }

        if (string.IsNullOrEmpty(body.Type))
        {
            return ApiProblems.BadRequest("type is required: the job type of the service tasks to work on (zeebe:taskDefinition type).", "type");
        }

        if (body.MaxJobsToActivate is not (>= 1 and <= JobActivator.MaxJobsPerRequest))
        {
            return ApiProblems.BadRequest(
                string.Create(CultureInfo.InvariantCulture,
                    $"maxJobsToActivate must be between 1 and {JobActivator.MaxJobsPerRequest}, got {body.MaxJobsToActivate?.ToString(CultureInfo.InvariantCulture) ?? "none"}."),
                "maxJobsToActivate");
        }

        if (body.Timeout is not > 0)
        {
            return ApiProblems.BadRequest(
                string.Create(CultureInfo.InvariantCulture,
                    $"timeout must be more than 0 ms (how long the jobs stay locked to this worker), got {body.Timeout?.ToString(CultureInfo.InvariantCulture) ?? "none"}."),
                "timeout");
        }

        if (body.RequestTimeout > MaxRequestTimeoutMs)
        {
            return ApiProblems.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"requestTimeout must be at most {MaxRequestTimeoutMs} ms, got {body.RequestTimeout}."),
                "requestTimeout");
        }

        foreach (var tenant in body.TenantIds ?? [])
        {
            if (ApiFormats.CheckTenant(tenant, "tenantIds") is { } badTenant)
            {
                return badTenant;
            }

            // Jobs wait in one queue per type for all tenants, so activation cannot be limited to some of them.
            if (tenant != UserTask.DefaultTenantId)
            {
                return ApiProblems.BadRequest(
                    $"Activating jobs per tenant is not supported (tenant '{tenant}'): omit tenantIds, or give only '{UserTask.DefaultTenantId}'.", "tenantIds");
            }
        }

        return null;
    }

    private static ActivatedJobResponse View(ActivatedJob activated, DeployedProcess? process, IReadOnlyList<string>? fetchVariable)
    {
        var job = activated.Job;
        var variables = new JsonObject();
        foreach (var (name, value) in job.Variables)
        {
            if (fetchVariable is not { Count: > 0 } || fetchVariable.Contains(name, StringComparer.Ordinal))
            {
                variables[name] = value?.DeepClone();
            }
        }

        return new ActivatedJobResponse(
            job.Type,
            job.BpmnProcessId,
            process?.Version ?? 0,
            job.ElementId,
            job.CustomHeaders,
            activated.Worker,
            job.Retries,
            activated.Deadline.ToUnixTimeMilliseconds(),
            variables,
            ApiFormats.Tenant(process?.TenantId),
            ApiKeys.Format(job.JobKey),
            ApiKeys.Format(job.ProcessInstanceKey),
            ApiKeys.Format(job.ProcessDefinitionKey),
            ApiKeys.Format(job.ElementInstanceKey),
            "BPMN_ELEMENT",
            "UNSPECIFIED");
    }
}
