using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Jobs;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Runtime;

/// <summary>Registers the durable runtime: hub, stores, command processor, key generator and background services.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime on the hub <paramref name="hub"/> builds (e.g. from <c>AzureWebJobsStorage</c> and the hub
    /// name). Registers <see cref="TimeProvider.System"/> unless a clock is registered already, the timer options
    /// and the outbox sweeper options from configuration (sections <see cref="TimerTriggerOptions.SectionName"/>,
    /// <see cref="OutboxSweeperOptions.SectionName"/>) when an
    /// <see cref="IConfiguration"/> is registered, and the hosted services: key slot lease renewal, timer trigger,
    /// outbox sweeper. Creating the tables is the host's start-up step (<see cref="TaskHub.CreateTablesAsync"/>).
    /// </summary>
    public static IServiceCollection AddTaskFunctionsRuntime(
        this IServiceCollection services, Func<IServiceProvider, TaskHub> hub, Action<CommandProcessorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(hub);

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(hub);
        services.AddSingleton(sp => new SnowflakeKeyGenerator(
            sp.GetRequiredService<TaskHub>(), sp.GetRequiredService<TimeProvider>(), logger: sp.GetService<ILogger<SnowflakeKeyGenerator>>()));
        services.AddSingleton<IKeyGenerator>(sp => sp.GetRequiredService<SnowflakeKeyGenerator>());
        services.AddSingleton<KeyLookup>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<UserTaskIndex>();
        services.AddSingleton<TimerStore>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<OutboxMarkers>();
        services.AddSingleton<OutboxProjector>();
        services.AddSingleton(sp =>
        {
            var options = new CommandProcessorOptions();
            configure?.Invoke(options);
            return options;
        });
        services.AddSingleton<CommandProcessor>();
        services.AddSingleton<ITimerSink, ProcessTimerSink>();
        services.AddSingleton<JobActivator>();
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>() is { } configuration
            ? TimerTriggerOptions.FromConfiguration(configuration)
            : new TimerTriggerOptions());
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>() is { } configuration
            ? OutboxSweeperOptions.FromConfiguration(configuration)
            : new OutboxSweeperOptions());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<OutboxSweeperOptions>();
            return new OutboxSweeper(
                sp.GetRequiredService<InstanceStore>(),
                sp.GetRequiredService<OutboxProjector>(),
                sp.GetRequiredService<OutboxMarkers>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<OutboxSweeper>>())
            {
                Interval = options.SweepInterval,
                Age = options.MinimumAge,
            };
        });
        services.AddSingleton(sp => new TimerTriggerService(
            sp.GetRequiredService<TimerStore>(),
            sp.GetRequiredService<ITimerSink>(),
            sp.GetRequiredService<TimerTriggerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TimerTriggerService>>()));
        services.AddSingleton<KeyLeaseRenewalService>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyLeaseRenewalService>());
        services.AddHostedService(sp => sp.GetRequiredService<TimerTriggerService>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSweeper>());
        return services;
    }
}
