using System.Text.Json.Nodes;
using TaskFunctions.Functions.Api.Processes;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>POST /v2/variables/search</c> as in Camunda 8's orchestration cluster API, for the variables of one process
/// instance: variables live in their instance's state, with no index across instances, so the filter must name
/// <c>processInstanceKey</c>.
/// </summary>
public static class VariablesApi
{
    public static IEndpointRouteBuilder MapVariablesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/variables/search", SearchVariables)
            .WithName("SearchVariables")
            .WithTags("Variables")
            .Accepts<SearchRequest>("application/json")
            .Produces<SearchResponse<VariableResponse>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<Results<Ok<SearchResponse<VariableResponse>>, ProblemHttpResult>> SearchVariables(
        SearchRequest? body, [AsParameters] ProcessInstancesApi.Services services, CancellationToken cancellationToken)
    {
        var node = body?.Filter?["processInstanceKey"];
        if (node is null)
        {
            return ApiProblems.BadRequest(
                "A variable search needs filter.processInstanceKey (one key): variables are kept with their process instance, with no index across instances.",
                "filter.processInstanceKey");
        }

        if (FieldCondition.TryRead(node, "processInstanceKey", out var condition, "$eq") is { } bad)
        {
            return bad;
        }

        if (!ApiKeys.TryParse(condition.Eq, out var key))
        {
            return ApiKeys.Invalid("filter.processInstanceKey", condition.Eq);
        }

        var filter = body!.Filter!.DeepClone().AsObject();
        filter.Remove("processInstanceKey");
        return await ProcessInstancesApi.SearchVariablesAsync(key, body with { Filter = filter }, services, cancellationToken).ConfigureAwait(false);
    }
}
