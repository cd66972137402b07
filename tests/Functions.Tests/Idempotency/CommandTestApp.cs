using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Idempotency;

/// <summary>
/// The host's real composition (settings, errors, authentication, idempotency, storage on a fresh hub of Azurite)
/// with routes a test maps itself, for the cross-cutting behaviour every command route gets.
/// </summary>
public sealed class CommandTestApp : IAsyncDisposable
{
    private CommandTestApp(WebApplication app) => App = app;

    public WebApplication App { get; }

    public static async Task<CommandTestApp> StartAsync(
        AzuriteFixture azurite,
        Action<IEndpointRouteBuilder> map,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost:extensions:taskFunctions:hubName"] = "T" + Guid.NewGuid().ToString("N")[..16],
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.AddTaskFunctionsHost();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseTaskFunctionsErrors();
        map(app);
        await app.StartAsync();
        await app.Services.GetRequiredService<StorageStartup>().Ready;
        return new CommandTestApp(app);
    }

    public HttpClient Client(string? userId = null)
    {
        var client = App.GetTestClient();
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-User-Id", userId);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
