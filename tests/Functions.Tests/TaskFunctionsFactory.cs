using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TaskFunctions.Functions.Tests;

/// <summary>
/// The host in-process, on a storage connection a test chooses (a real Azurite). The host never starts an emulator
/// of its own here: the test owns the storage. <paramref name="settings"/> are extra app settings (e.g.
/// <c>AzureFunctionsJobHost:extensions:taskFunctions:auth:mode</c>).
/// </summary>
public sealed class TaskFunctionsFactory(
    string connectionString, string hubName = "TaskHub", IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
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
    }
}
