using System.Globalization;
using System.Text.Json.Nodes;
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
