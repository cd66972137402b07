using Microsoft.AspNetCore.Diagnostics;

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

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => StorageSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));

        // First hosted service: storage must be up before anything that uses it starts.
        builder.Services.AddSingleton<LocalStorageEmulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalStorageEmulator>());
        builder.Services.AddTableStorage();
        return builder;
    }

    /// <summary>Every error a caller sees is RFC 9457 problem+json, never a stack trace.</summary>
    public static WebApplication UseTaskFunctionsErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeFor });
        app.UseStatusCodePages();
        return app;
    }

    private static int StatusCodeFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}
