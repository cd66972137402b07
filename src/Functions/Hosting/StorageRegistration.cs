using Azure.Identity;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Functions.Hosting;

/// <summary>Registers the Table Storage client and the durable runtime on it (stores, command processor, timers).</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<StorageSettings>();
            var options = new TableClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
            return settings.ConnectionString is { } connectionString
                ? new TableServiceClient(connectionString, options)
                : new TableServiceClient(settings.TableServiceUri!, new DefaultAzureCredential(), options);
        });
        // Timer settings live in host.json (extensions.taskFunctions.timers), which the host reads under its own section.
        services.AddSingleton(sp => TimerTriggerOptions.FromConfiguration(
            sp.GetRequiredService<IConfiguration>().GetSection(FunctionsConfiguration.HostSection)));
        services.AddSingleton<StorageStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        services.AddTaskFunctionsRuntime(sp => new TaskHub(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageSettings>().HubName));
        return services;
    }
}
