using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class RuntimeServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task AddTaskFunctionsRuntime_Container_BuildsAndRunsAStart()
    {
        var name = "H" + Guid.NewGuid().ToString("N")[..10];
        var services = new ServiceCollection().AddTaskFunctionsRuntime(_ => new TaskHub(new TableServiceClient(azurite.ConnectionString), name));

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<TaskHub>().CreateTablesAsync();
        var hosted = provider.GetServices<IHostedService>().ToList();
        var leases = hosted.OfType<TaskFunctions.Storage.Keys.KeyLeaseRenewalService>().Single();
        await leases.StartAsync(CancellationToken.None);
        var definitions = provider.GetRequiredService<TaskFunctions.Storage.Definitions.DefinitionStore>();
        var deployed = await definitions.DeployAsync(
            [new TaskFunctions.Storage.Definitions.DeploymentResource("p.bpmn", System.Text.Encoding.UTF8.GetBytes(Processes.ReviewApprove()))], Domain.UserTasks.UserTask.DefaultTenantId, CancellationToken.None);
        var started = await provider.GetRequiredService<CommandProcessor>().StartInstanceAsync(deployed.Processes[0], null, Domain.UserTasks.Caller.Anonymous);

        await leases.StopAsync(CancellationToken.None);

        Assert.Equal(3, hosted.Count);
        Assert.Contains(hosted, s => s is TimerTriggerService);
        Assert.IsType<ProcessTimerSink>(provider.GetRequiredService<ITimerSink>());
        Assert.Same(provider.GetRequiredService<TaskFunctions.Storage.Keys.SnowflakeKeyGenerator>(), provider.GetRequiredService<IKeyGenerator>());
        Assert.True(started.IsSuccess, started.Error?.ToString());
    }
}
