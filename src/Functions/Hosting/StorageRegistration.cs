using Azure.Identity;
using Microsoft.Extensions.Options;
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
        // Options through DI, so a test can add a pipeline policy (fault injection) to the host's storage client.
        services.AddOptions<TableClientOptions>().Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<StorageSettings>();
            var options = sp.GetRequiredService<IOptions<TableClientOptions>>().Value;
            return settings.ConnectionString is { } connectionString
                ? new TableServiceClient(connectionString, options)
                : new TableServiceClient(settings.TableServiceUri!, new DefaultAzureCredential(), options);
        });
        // Timer and outbox settings live in host.json (extensions.taskFunctions.timers and .outbox), which the host reads under its own section.
        services.AddSingleton(sp => TimerTriggerOptions.FromConfiguration(
            sp.GetRequiredService<IConfiguration>().GetSection(FunctionsConfiguration.HostSection)));
        services.AddSingleton(sp =>
        {
            try
            {
                return OutboxSweeperOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>().GetSection(FunctionsConfiguration.HostSection));
            }
            catch (InvalidOperationException e)
            {
                // A value that is no time span, or out of range: reported at start in one line.
                throw new HostConfigurationException($"The {OutboxSweeperOptions.SectionName} settings are invalid: {e.Message}", e);
            }
        });
        services.AddSingleton<StorageStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageStartup>());
        services.AddTaskFunctionsRuntime(sp => new TaskHub(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageSettings>().HubName));
        return services;
    }
}
