using System.Globalization;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Functions.Api.Processes;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Runtime;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>POST /v2/incidents/{incidentKey}/resolution</c>: retries the step that raised an incident, as in Camunda 8's
/// orchestration cluster API. The incidents of an instance are listed by
/// <c>POST /v2/process-instances/{processInstanceKey}/incidents/search</c>.
/// </summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/incidents/{incidentKey}/resolution", ResolveIncident)
            .WithName("ResolveIncident")
            .WithTags("Incidents")
            .Accepts<OperationRequest>(isOptional: true, "application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAdministrator();
        return app;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ResolveIncident(
        string incidentKey, OperationRequest? body, KeyLookup lookup, CommandProcessor commands, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(incidentKey, out var key))
        {
            return ApiKeys.Invalid("incidentKey", incidentKey);
        }

        if (ApiFormats.RejectUnknown(body?.Unknown, null, "operationReference") is { } unknown)
        {
            return unknown;
        }

        if (await lookup.FindProcessInstanceAsync(key, cancellationToken).ConfigureAwait(false) is not { } instanceKey)
        {
            return ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"Incident with key {key} not found."));
        }

        var result = await commands.ExecuteAsync(instanceKey, new ResolveIncident(key), context.GetCaller(), cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? TypedResults.NoContent() : ApiProblems.For(result.Error!);
    }
}
