using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Functions.Hosting.Idempotency;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Functions.Hosting;

/// <summary>The host's composition: configuration, logging, errors, storage.</summary>
public static class HostingExtensions
{
    /// <summary>The port Azure Functions Core Tools listens on by default; a local run uses it too.</summary>
    public const int DefaultLocalPort = 7071;

    /// <summary>Configures the host the way an Azure Functions app is configured.</summary>
    public static WebApplicationBuilder AddTaskFunctionsHost(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddFunctionsConfiguration([AppContext.BaseDirectory, builder.Environment.ContentRootPath]);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{DefaultLocalPort}");
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.Remove("traceId");
            context.ProblemDetails.Detail ??= StatusDetail(context.HttpContext);
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // A wrong setting is reported by RunHostAsync in one line; until then the limits are the defaults.
        HostConfigurationException? invalidHttp = null;
        HttpSettings http;
        try
        {
            http = HttpSettings.FromConfiguration(builder.Configuration);
        }
        catch (HostConfigurationException e)
        {
            invalidHttp = e;
            http = new HttpSettings();
        }

        builder.Services.AddSingleton(_ => invalidHttp is null ? http : throw invalidHttp);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodySize);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.MaxDepth = http.MaxJsonDepth);
        // Binding failures reach the exception handler, which answers with the reason instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        if (http.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. http.CorsOrigins])
                .AllowAnyMethod()
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", CallerHeaders.UserId, CallerHeaders.Groups)
                .WithExposedHeaders("Location", "Retry-After", "WWW-Authenticate", "Idempotency-Replayed")));
        }

        builder.Services.AddTaskFunctionsAuthentication();
        builder.Services.AddTaskFunctionsIdempotency();
        builder.Services.AddTaskFunctionsOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => StorageSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddTableStorage();
        return builder;
    }

    // A wrong http setting is reported by RunHostAsync in one line, so here it only means "no CORS".
    private static bool CorsConfigured(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<HttpSettings>().CorsOrigins.Count > 0;
        }
        catch (HostConfigurationException)
        {
            return false;
        }
    }

    // The answers routing gives by itself (no endpoint ran) would otherwise carry only a title.
    private static string? StatusDetail(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No operation answers {request.Method} {request.Path}; see /openapi/v1.json for the routes.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}; see /openapi/v1.json for its methods.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{request.Method} {request.Path} does not accept Content-Type '{request.ContentType}': send application/json (multipart/form-data for deployments).",
            _ => null,
        };
    }

    /// <summary>
    /// Every error a caller sees is RFC 9457 problem+json, never a stack trace; then request bodies are held to their
    /// limit, the caller is established, and POST commands with an <c>Idempotency-Key</c> are run at most once.
    /// </summary>
    public static WebApplication UseTaskFunctionsErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Closed unless origins are configured; before authentication, as a browser's preflight carries no token.
        if (CorsConfigured(app.Services))
        {
            app.UseCors();
        }

        app.UseTaskFunctionsRequestLimits();
        app.UseTaskFunctionsAuthentication();
        app.UseTaskFunctionsIdempotency();
        return app;
    }

    /// <summary>
    /// Runs the host until it stops. A start that fails for a reason the user can fix (a setting, a missing Node.js)
    /// ends with that reason in one line and exit code 1, not a stack trace.
    /// </summary>
    public static async Task<int> RunHostAsync(this WebApplication app)
    {
        try
        {
            // Settings first (storage, timer schedule), so a wrong one is reported before anything starts.
            var settings = app.Services.GetRequiredService<StorageSettings>();
            _ = app.Services.GetRequiredService<TimerTriggerService>();
            _ = app.Services.GetRequiredService<OutboxSweeperOptions>();
            _ = app.Services.GetRequiredService<HttpSettings>();
            _ = app.Services.GetRequiredService<JwtAuthenticator>();
            await using var emulator = await LocalStorageEmulator.StartIfNeededAsync(
                settings, app.Environment, app.Logger, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is HostConfigurationException or AzuriteNotAvailableException or InvalidTimerScheduleException)
        {
            await Console.Error.WriteLineAsync($"TaskFunctions could not start: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
