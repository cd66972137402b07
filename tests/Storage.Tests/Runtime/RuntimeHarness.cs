using System.Text;
using Azure.Core;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Jobs;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>The whole runtime on a fresh hub of the shared Azurite, with a manual clock, a request counter and a fault injector.</summary>
internal sealed class RuntimeHarness
{
    private RuntimeHarness(AzuriteFixture azurite, int maxRetries)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.AddPolicy(Counter, HttpPipelinePosition.PerCall);
        options.AddPolicy(Waves, HttpPipelinePosition.PerCall);
        options.AddPolicy(Faults, HttpPipelinePosition.PerRetry);
        Hub = new TaskHub(new TableServiceClient(azurite.ConnectionString, options), "H" + Guid.NewGuid().ToString("N")[..10]);
        Keys = new SnowflakeKeyGenerator(Hub, Clock);
        Lookup = new KeyLookup(Hub);
        Definitions = new DefinitionStore(Hub, Keys, Clock);
        Store = new InstanceStore(Hub);
        Index = new UserTaskIndex(Hub, Clock);
        Timers = new TimerStore(Hub);
        Jobs = new JobQueue(Hub);
        Markers = new OutboxMarkers(Hub, Clock);
        Projector = new OutboxProjector(Hub, Index, Timers, Jobs);
        Processor = NewProcessor();
        Sweeper = new OutboxSweeper(Store, Projector, Markers, Clock) { Age = TimeSpan.Zero };
        Activator = new JobActivator(Hub, Clock);
        TimerTrigger = new TimerTriggerService(
            Timers, new ProcessTimerSink(Processor), new TimerTriggerOptions(), Clock, NullLogger<TimerTriggerService>.Instance, "test-host");
    }

    public ManualTimeProvider Clock { get; } = new();

    public RequestCountingPolicy Counter { get; } = new();

    public FaultInjectionPolicy Faults { get; } = new();

    public WaveRecorder Waves { get; } = new();

    public TaskHub Hub { get; }

    public SnowflakeKeyGenerator Keys { get; }

    public KeyLookup Lookup { get; }

    public DefinitionStore Definitions { get; }

    public InstanceStore Store { get; }

    public UserTaskIndex Index { get; }

    public TimerStore Timers { get; }

    public JobQueue Jobs { get; }

    public OutboxMarkers Markers { get; }

    public OutboxProjector Projector { get; }

    public CommandProcessor Processor { get; }

    public OutboxSweeper Sweeper { get; }

    public JobActivator Activator { get; }

    public TimerTriggerService TimerTrigger { get; }

    public static async Task<RuntimeHarness> CreateAsync(AzuriteFixture azurite, int maxRetries = 4)
    {
        var harness = new RuntimeHarness(azurite, maxRetries);
        await harness.Hub.CreateTablesAsync();
        await harness.Keys.EnsureLeaseAsync();
        return harness;
    }

    /// <summary>A processor whose retries wait only a moment (no real backoff needed against one Azurite).</summary>
    public CommandProcessor NewProcessor() =>
        new(Hub, Store, Definitions, Keys, Lookup, Projector, Markers, Clock, new CommandProcessorOptions { BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(40) })
        {
            Random = new Random(7),
        };

    public async Task<DeployedProcess> DeployAsync(string bpmn, string name = "process.bpmn")
    {
        var result = await Definitions.DeployAsync([new DeploymentResource(name, Encoding.UTF8.GetBytes(bpmn))], UserTask.DefaultTenantId, CancellationToken.None);
        Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
        return Assert.Single(result.Processes);
    }

    /// <summary>Every task of an instance in the index (paged through).</summary>
    public async Task<List<UserTask>> IndexedTasksAsync(long processInstanceKey, UserTaskState? state = null, int pageSize = 100)
    {
        var tasks = new List<UserTask>();
        string? after = null;
        while (true)
        {
            var page = await Index.SearchAsync(
                new UserTaskQuery(new UserTaskFilter { ProcessInstanceKey = processInstanceKey, State = state }, Limit: pageSize, After: after), CancellationToken.None);
            tasks.AddRange(page.Items);
            if (page.Items.Count < pageSize || page.EndCursor is null)
            {
                return tasks;
            }

            after = page.EndCursor;
        }
    }

    /// <summary>Runs the sweeper until nothing is left to finish.</summary>
    public async Task SweepAsync()
    {
        Faults.Reset();
        // Markers count as abandoned once they are older than the sweeper's age (zero here) on the manual clock.
        Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5 && await Sweeper.RunOnceAsync() > 0; i++)
        {
        }
    }
}
