using System.Globalization;
using System.Text.Json.Nodes;
using TaskFunctions.Functions.Api.Processes;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>/v2/process-definitions</c>: read a deployed process (its metadata and its BPMN XML) and search the deployed
/// processes of a tenant, shaped like Camunda 8's orchestration cluster API.
/// </summary>
public static class ProcessDefinitionsApi
{
    /// <summary>
    /// The most process definitions (versions) one search reads. The definitions store lists a tenant's processes
    /// without paging, so a search filters, sorts and pages at most this many; past it the total is a lower bound
    /// (<c>hasMoreTotalItems</c>).
    /// </summary>
    public const int MaxDefinitionsScanned = 1000;

    private static readonly string[] SortFields = ["processDefinitionKey", "name", "resourceName", "version", "versionTag", "processDefinitionId", "tenantId"];

    private static readonly string[] FilterFields =
        ["processDefinitionId", "name", "isLatestVersion", "resourceName", "version", "versionTag", "tenantId", "processDefinitionKey", "hasStartForm"];

    public static IEndpointRouteBuilder MapProcessDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/process-definitions").WithTags("Process definitions");
        group.MapGet("/{processDefinitionKey}", GetProcessDefinition)
            .WithName("GetProcessDefinition")
            .Produces<ProcessDefinitionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{processDefinitionKey}/xml", GetProcessDefinitionXml)
            .WithName("GetProcessDefinitionXml")
            .Produces<string>(StatusCodes.Status200OK, "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/search", SearchProcessDefinitions)
            .WithName("SearchProcessDefinitions")
            .Accepts<SearchRequest>(isOptional: true, "application/json")
            .Produces<SearchResponse<ProcessDefinitionResponse>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal static async Task<Results<Ok<ProcessDefinitionResponse>, ProblemHttpResult>> GetProcessDefinition(
        string processDefinitionKey, DefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processDefinitionKey, out var key))
        {
            return ApiKeys.Invalid("processDefinitionKey", processDefinitionKey);
        }

        var process = await definitions.GetProcessAsync(key, cancellationToken).ConfigureAwait(false);
        return process is null ? NotFound(key) : TypedResults.Ok(ProcessDefinitionResponse.From(process));
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetProcessDefinitionXml(
        string processDefinitionKey, DefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (!ApiKeys.TryParse(processDefinitionKey, out var key))
        {
            return ApiKeys.Invalid("processDefinitionKey", processDefinitionKey);
        }

        var xml = await definitions.GetProcessXmlAsync(key, cancellationToken).ConfigureAwait(false);
        return xml is null ? NotFound(key) : TypedResults.Text(xml, "text/xml; charset=utf-8");
    }

    internal static async Task<Results<Ok<SearchResponse<ProcessDefinitionResponse>>, ProblemHttpResult>> SearchProcessDefinitions(
        SearchRequest? body, DefinitionStore definitions, HttpSettings http, CancellationToken cancellationToken)
    {
        body ??= new SearchRequest();
        if (ApiFormats.RejectUnknown(body.Unknown, null, "filter", "sort", "page") is { } unknown)
        {
            return unknown;
        }

        if (PageSpec.TryRead(body.Page, http.MaxPageSize, out var page) is { } badPage)
        {
            return badPage;
        }

        if (SortSpec.TryRead(body.Sort, SortFields, out var sort) is { } badSort)
        {
            return badSort;
        }

        if (DefinitionFilter.TryRead(body.Filter, out var filter) is { } badFilter)
        {
            return badFilter;
        }

        var all = new List<DeployedProcess>();
        var truncated = false;
        await foreach (var process in definitions.ListProcessesAsync(filter.TenantId, cancellationToken).ConfigureAwait(false))
        {
            if (all.Count == MaxDefinitionsScanned)
            {
                truncated = true;
                break;
            }

            all.Add(process);
        }

        // The store lists each process id's versions together, latest first.
        var latest = all.GroupBy(p => p.BpmnProcessId, StringComparer.Ordinal).Select(g => g.First().ProcessDefinitionKey).ToHashSet();
        var matches = all.Where(p => filter.Matches(p, latest.Contains(p.ProcessDefinitionKey))).Select(ProcessDefinitionResponse.From);
        var sorted = Sort(matches, sort).ToList();
        return OffsetPages.TrySlice(sorted, page, truncated, out var response) is { } badCursor ? badCursor : TypedResults.Ok(response);
    }

    private static IEnumerable<ProcessDefinitionResponse> Sort(IEnumerable<ProcessDefinitionResponse> items, List<(string Field, bool Descending)> sort)
    {
        IOrderedEnumerable<ProcessDefinitionResponse>? ordered = null;
        foreach (var (field, descending) in sort)
        {
            Func<ProcessDefinitionResponse, object?> selector = field switch
            {
                "processDefinitionKey" => d => long.Parse(d.ProcessDefinitionKey, CultureInfo.InvariantCulture),
                "name" => d => d.Name,
                "resourceName" => d => d.ResourceName,
                "version" => d => d.Version,
                "versionTag" => d => d.VersionTag,
                "processDefinitionId" => d => d.ProcessDefinitionId,
                _ => d => d.TenantId,
            };
            var comparer = Comparer<object?>.Create(CompareValues);
            ordered = ordered is null
                ? descending ? items.OrderByDescending(selector, comparer) : items.OrderBy(selector, comparer)
                : descending ? ordered.ThenByDescending(selector, comparer) : ordered.ThenBy(selector, comparer);
        }

        return ordered ?? items;
    }

    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => Comparer<object>.Default.Compare(a, b),
    };

    private static ProblemHttpResult NotFound(long key) =>
        ApiProblems.NotFound(string.Create(CultureInfo.InvariantCulture, $"Process definition with key {key} not found."));

    /// <summary>The filter of a process-definition search, checked field by field.</summary>
    private sealed record DefinitionFilter(string TenantId, IReadOnlyList<FieldCondition> Conditions, bool? IsLatestVersion, bool? HasStartForm)
    {
        public static ProblemHttpResult? TryRead(JsonObject? filter, out DefinitionFilter result)
        {
            result = new DefinitionFilter(ApiFormats.Tenant(null), [], null, null);
            var conditions = new List<FieldCondition>();
            foreach (var (name, node) in filter ?? [])
            {
                switch (name)
                {
                    case "processDefinitionId" or "name" or "resourceName" or "versionTag":
                        if (FieldCondition.TryRead(node, name, out var text) is { } badText)
                        {
                            return badText;
                        }

                        conditions.Add(text);
                        break;
                    case "version" or "processDefinitionKey":
                        if (FieldCondition.TryRead(node, name, out var exact, "$eq", "$neq", "$exists", "$in", "$notIn") is { } badExact)
                        {
                            return badExact;
                        }

                        conditions.Add(exact);
                        break;
                    case "tenantId":
                        if (node is not JsonValue tenant || !tenant.TryGetValue<string>(out var tenantId))
                        {
                            return ApiProblems.BadRequest("filter.tenantId must be a tenant id (a string).", "filter.tenantId");
                        }

                        if (ApiFormats.CheckTenant(tenantId, "filter.tenantId") is { } badTenant)
                        {
                            return badTenant;
                        }

                        result = result with { TenantId = tenantId };
                        break;
                    case "isLatestVersion" or "hasStartForm":
                        if (node is not JsonValue flag || !flag.TryGetValue<bool>(out var value))
                        {
                            return ApiProblems.BadRequest($"filter.{name} must be true or false.", $"filter.{name}");
                        }

                        result = name == "isLatestVersion" ? result with { IsLatestVersion = value } : result with { HasStartForm = value };
                        break;
                    default:
                        return ApiProblems.BadRequest(
                            $"Unknown or unsupported filter field 'filter.{name}'. Process definitions can be filtered by {string.Join(", ", FilterFields)}.",
                            $"filter.{name}");
                }
            }

            result = result with { Conditions = conditions };
            return null;
        }

        public bool Matches(DeployedProcess process, bool isLatest) =>
            (IsLatestVersion is not { } latest || latest == isLatest)
            && HasStartForm is not true
            && Conditions.All(c => c.Matches(c.Field switch
            {
                "processDefinitionId" => process.BpmnProcessId,
                "name" => process.Name,
                "resourceName" => process.ResourceName,
                "versionTag" => process.VersionTag,
                "version" => process.Version.ToString(CultureInfo.InvariantCulture),
                _ => ApiKeys.Format(process.ProcessDefinitionKey),
            }));
    }
}
