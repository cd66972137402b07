using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed partial class OpenApiDocumentTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetOpenApi_Anonymous_200WithTitleAndVersion()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.GetAsync("/openapi/v1.json");

        var document = await ProblemAssert.IsJsonAsync(response);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(OpenApiRegistration.Title, document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(OpenApiRegistration.Version, document.GetProperty("info").GetProperty("version").GetString());
        Assert.False(document.TryGetProperty("security", out _), "mode None has no security requirement");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetOpenApi_EveryMappedEndpoint_DescribedExactlyWithNameAndTag()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var response = await client.GetAsync("/openapi/v1.json");

        var document = await ProblemAssert.IsJsonAsync(response, HttpStatusCode.OK);
        var described = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                described.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {path.Name} has no operationId (.WithName)");
                Assert.True(operation.Value.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{operation.Name} {path.Name} has no tag (.WithTags)");
            }
        }

        Assert.Contains("GET /health", mapped);
        Assert.Contains("GET /v2/authentication/me", mapped);
        Assert.Equal(mapped, described.Order(StringComparer.Ordinal).ToList());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetOpenApi_WhoAmI_ResponseSchemaInCamundaShape()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.GetAsync("/openapi/v1.json");

        var document = await ProblemAssert.IsJsonAsync(response);
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("CurrentUser").GetProperty("properties");
        foreach (var name in new[] { "username", "displayName", "email", "authorizedApplications", "tenants", "groups", "roles", "salesPlanType", "c8Links", "canLogout" })
        {
            Assert.True(properties.TryGetProperty(name, out _), $"CurrentUser lacks {name}");
        }
    }

    // Route constraints and defaults are not part of an OpenAPI path: {key:long} → {key}.
    private static string Normalize(string pattern) =>
        "/" + ParameterPattern().Replace(pattern.TrimStart('/'), m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
