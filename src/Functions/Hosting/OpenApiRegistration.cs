using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Functions.Hosting.Idempotency;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// The OpenAPI document of the HTTP API at <c>GET /openapi/v1.json</c> (anonymous): every mapped route, the bearer
/// scheme in Jwt mode, and the <c>Idempotency-Key</c> header on the routes that accept it.
/// </summary>
public static class OpenApiRegistration
{
    public const string Title = "TaskFunctions API";
    public const string DocumentName = "v1";
    public const string RoutePattern = "/openapi/{documentName}.json";
    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddTaskFunctionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info.Title = Title;
                document.Info.Version = Version;
                var auth = context.ApplicationServices.GetRequiredService<AuthSettings>();
                if (auth.Mode == AuthenticationMode.Jwt)
                {
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                    document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "A JWT from the configured issuer (host.json extensions.taskFunctions.auth).",
                    };
                    document.Security ??= [];
                    document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (HttpMethods.IsPost(context.Description.HttpMethod ?? string.Empty)
                    && IdempotencyMiddleware.AppliesTo(
                        context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotencyMetadata>().LastOrDefault(),
                        context.Description.RelativePath))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyMiddleware.KeyHeader,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "1–100 printable ASCII characters. A repeat with the same key gets the first response again, marked Idempotency-Replayed: true.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                    });
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>Maps <c>GET /openapi/v1.json</c>, reachable without a token.</summary>
    public static IEndpointRouteBuilder MapTaskFunctionsOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(RoutePattern).AllowAnonymous();
        return app;
    }

    /// <summary>The host's version, from its assembly (without the source revision suffix).</summary>
    public static string Version { get; } =
        (typeof(OpenApiRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(OpenApiRegistration).Assembly.GetName().Version?.ToString()
            ?? "0.0.0").Split('+')[0];
}
