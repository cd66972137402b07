using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TaskFunctions.Functions.Tests;

/// <summary>
/// The host in-process, on a storage connection a test chooses (a real Azurite). The host never starts an emulator
/// of its own here: the test owns the storage. <paramref name="settings"/> are extra app settings (e.g.
/// <c>AzureFunctionsJobHost:extensions:taskFunctions:auth:mode</c>); <paramref name="services"/> changes the host's
/// services after its own registrations (e.g. a storage pipeline policy that injects faults).
/// </summary>
public sealed class TaskFunctionsFactory(
    string connectionString,
    string hubName = "TaskHub",
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("AzureWebJobsStorage", connectionString);
        builder.UseSetting("AzuriteAutoStart", "false");
        builder.UseSetting("AzureFunctionsJobHost:extensions:taskFunctions:hubName", hubName);
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(name, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
