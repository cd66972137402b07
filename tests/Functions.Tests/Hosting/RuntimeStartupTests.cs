using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class RuntimeStartupTests(AzuriteFixture azurite)
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="check"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact(Timeout = 60_000)]
    public async Task Host_StorageUp_CreatesHubTablesBeforeServingAndRunsCommands()
    {
        var hubName = "H" + Guid.NewGuid().ToString("N")[..10];
        await using var factory = new TaskFunctionsFactory(azurite.ConnectionString, hubName);
        using var client = factory.CreateClient();

        var startup = factory.Services.GetRequiredService<StorageStartup>();
        Assert.True(startup.Ready.IsCompletedSuccessfully);
        var hub = factory.Services.GetRequiredService<TaskHub>();
        Assert.Equal(hubName, hub.Name);
        var deployed = await factory.Services.GetRequiredService<DefinitionStore>().DeployAsync(
            [new DeploymentResource("review.bpmn", System.Text.Encoding.UTF8.GetBytes(Process))], "<default>", CancellationToken.None);
        var started = await factory.Services.GetRequiredService<CommandProcessor>().StartInstanceAsync(
            deployed.Processes[0], null, Domain.UserTasks.Caller.Anonymous);

        Assert.True(deployed.IsSuccess);
        Assert.True(started.IsSuccess, started.Error?.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_TimerScheduleInHostJsonSection_ReachesTheTimerTrigger()
    {
        await using var factory = new TaskFunctionsFactory(azurite.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("AzureFunctionsJobHost:extensions:taskFunctions:timers:schedule", "*/7 * * * * *"));
        using var client = factory.CreateClient();

        var options = factory.Services.GetRequiredService<TaskFunctions.Storage.Timers.TimerTriggerOptions>();

        Assert.Equal("*/7 * * * * *", options.Schedule);
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_OutboxSettingsInHostJsonSection_ReachTheSweeper()
    {
        await using var factory = new TaskFunctionsFactory(azurite.ConnectionString)
            .WithWebHostBuilder(b => b
                .UseSetting("AzureFunctionsJobHost:extensions:taskFunctions:outbox:sweepInterval", "00:00:02")
                .UseSetting("AzureFunctionsJobHost:extensions:taskFunctions:outbox:minimumAge", "00:00:30"));
        using var client = factory.CreateClient();

        var sweeper = factory.Services.GetRequiredService<OutboxSweeper>();

        Assert.Equal(TimeSpan.FromSeconds(2), sweeper.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), sweeper.Age);
    }

    [Fact(Timeout = 90_000)]
    public async Task Host_StorageDownAtStart_StartsAndCreatesTablesWhenStorageComesBack()
    {
        var port = FreePort.Next();
        await using var factory = new TaskFunctionsFactory(Storage.Emulator.DevelopmentStorage.ConnectionString(port));
        using var client = factory.CreateClient();
        var startup = factory.Services.GetRequiredService<StorageStartup>();
        Assert.False(startup.Ready.IsCompleted);

        await using var azuriteLater = await Storage.Emulator.AzuriteProcess.StartAsync(new Storage.Emulator.AzuriteOptions { Port = port });

        await startup.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
