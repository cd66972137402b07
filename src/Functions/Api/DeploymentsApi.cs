using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using TaskFunctions.Functions.Api.Processes;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// <c>POST /v2/deployments</c>: deploys BPMN files and Camunda Forms as one unit, shaped like Camunda 8's
/// orchestration cluster API. A deployment with any problem is refused whole, with every problem listed.
/// </summary>
public static class DeploymentsApi
{
    /// <summary>The multipart field every file of a deployment is sent in.</summary>
    public const string ResourcesField = "resources";

    /// <summary>The optional multipart field naming the tenant.</summary>
    public const string TenantIdField = "tenantId";

    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/deployments", CreateDeployment)
            .WithName("CreateDeployment")
            .WithTags("Deployments")
            .Accepts<DeploymentForm>("multipart/form-data")
            .Produces<DeploymentResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAdministrator();
        return app;
    }

    internal static async Task<Results<Ok<DeploymentResponse>, ProblemHttpResult>> CreateDeployment(
        HttpRequest request, DefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.BadRequest(
                $"A deployment is sent as multipart/form-data with one or more '{ResourcesField}' file parts (.bpmn, .bpmn20.xml or .form) " +
                $"and an optional '{TenantIdField}' part; the request's Content-Type is '{request.ContentType ?? "none"}'.",
                ResourcesField);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return ApiProblems.BadRequest($"The multipart body cannot be read: {e.Message}", ResourcesField);
        }
        catch (IOException)
        {
            // A part cut off before its boundary (the body ended early) is the caller's malformed request.
            return ApiProblems.BadRequest("The multipart body cannot be read: it ends before the closing boundary of a part.", ResourcesField);
        }

        var unknownFields = form.Keys.Where(k => k != TenantIdField).ToList();
        var unknownFiles = form.Files.Select(f => f.Name).Where(n => n != ResourcesField).Distinct(StringComparer.Ordinal).ToList();
        if (unknownFields.Count + unknownFiles.Count > 0)
        {
            var names = unknownFields.Concat(unknownFiles).ToArray();
            return ApiProblems.BadRequest(
                $"Unknown multipart part{(names.Length > 1 ? "s" : "")} {string.Join(", ", names.Select(n => $"'{n}'"))}: " +
                $"a deployment has '{ResourcesField}' file parts and an optional '{TenantIdField}' text part.",
                names);
        }

        var tenantValues = form[TenantIdField];
        if (tenantValues.Count > 1)
        {
            return ApiProblems.BadRequest($"'{TenantIdField}' was sent {tenantValues.Count} times; send it once.", TenantIdField);
        }

        var tenantId = tenantValues.Count == 1 ? tenantValues[0] : null;
        if (ApiFormats.CheckTenant(tenantId) is { } badTenant)
        {
            return badTenant;
        }

        var files = form.Files.GetFiles(ResourcesField);
        if (files.Count == 0)
        {
            return ApiProblems.BadRequest(
                $"The deployment has no resources: send each file as a '{ResourcesField}' part with a file name (.bpmn, .bpmn20.xml or .form).",
                ResourcesField);
        }

        var resources = new List<DeploymentResource>(files.Count);
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            resources.Add(new DeploymentResource(file.FileName, buffer.ToArray()));
        }

        var result = await definitions.DeployAsync(resources, ApiFormats.Tenant(tenantId), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return ApiProblems.BadRequest(DescribeProblems(result.Problems), ResourcesField);
        }

        var items = result.Processes
            .Select(p => new DeploymentItem
            {
                ProcessDefinition = new DeployedProcessDefinition(
                    p.BpmnProcessId, p.Version, p.ResourceName, p.TenantId, ApiKeys.Format(p.ProcessDefinitionKey)),
            })
            .Concat(result.Forms.Select(f => new DeploymentItem
            {
                Form = new DeployedFormDefinition(f.FormId, f.Version, f.ResourceName, f.TenantId, ApiKeys.Format(f.FormKey)),
            }))
            .ToList();
        return TypedResults.Ok(new DeploymentResponse(ApiKeys.Format(result.DeploymentKey), result.TenantId, items));
    }

    /// <summary>Every problem, one per line, each with its resource (and element and line where known).</summary>
    internal static string DescribeProblems(IReadOnlyList<DeploymentProblem> problems)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"The deployment was refused and nothing was deployed; {problems.Count} problem{(problems.Count == 1 ? "" : "s")} to fix:");
        foreach (var problem in problems)
        {
            text.Append("\n- ");
            text.Append(string.IsNullOrEmpty(problem.ResourceName) ? "(deployment)" : $"'{problem.ResourceName}'");
            if (problem.Line is { } line)
            {
                text.Append(CultureInfo.InvariantCulture, $" line {line}");
            }

            if (problem.ElementId is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" {problem.ElementType ?? "element"} '{problem.ElementId}'");
            }

            text.Append(": ").Append(problem.Reason);
        }

        return text.ToString();
    }
}
