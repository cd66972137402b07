using TaskFunctions.Domain;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>
/// The storage requests of a command and which of them go out together (waves = round trips on the critical
/// path), with the manifest cache warm as in a host that ran the earlier commands; and the outbox marker a command
/// writes ahead of its read when it then commits nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommandRoundTripTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Long enough that requests sent together overlap for certain, whatever the load on the machine.
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(60);

    [Fact(Timeout = 30_000)]
    public async Task Claim_WarmCache_SixWaves()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.TwoSteps());
        var taskKey = (await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"))).ChangedUserTaskKeys.Single();

        var waves = await WavesOfAsync(h, () => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann")));

        Assert.Equal(
            [
                ["GET Instances", "PUT Keys"], // instance read ‖ outbox marker
                ["BATCH Instances"], // commit with the outbox row
                ["PUT TaskIndex"], // pending manifest, If-Match the cached ETag (no read)
                [.. Enumerable.Repeat("BATCH TaskIndex", 7)], // one transaction per index partition
                ["PUT TaskIndex"], // final manifest
                ["DELETE Instances", "DELETE Keys"], // outbox row ‖ marker
            ],
            waves);
    }

    [Fact(Timeout = 30_000)]
    public async Task Complete_WarmCache_SevenWaves()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.TwoSteps());
        var taskKey = (await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"))).ChangedUserTaskKeys.Single();
        await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann"));

        var waves = await WavesOfAsync(h, () => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Complete(), Caller.User("ann")));

        Assert.Equal(7, waves.Count);
        Assert.Equal(["GET Instances", "PUT Keys"], waves[0]); // instance read ‖ outbox marker
        Assert.Equal(["PUT Keys"], waves[1]); // the next task's key lookup
        Assert.Equal(["BATCH Instances"], waves[2]);
        Assert.Equal(["POST TaskIndex", "PUT TaskIndex"], waves[3]); // pending manifests: new task Added, completed task If-Match (no reads)
        Assert.All(waves[4], r => Assert.Equal("BATCH TaskIndex", r));
        Assert.Equal(["PUT TaskIndex", "PUT TaskIndex"], waves[5]);
        Assert.Equal(["DELETE Instances", "DELETE Keys"], waves[6]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_SixWaves()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.TwoSteps());
        await h.Processor.StartInstanceAsync(process, null, Caller.User("warm"));

        var waves = await WavesOfAsync(h, () => h.Processor.StartInstanceAsync(process, null, Caller.User("ann")));

        Assert.Equal(
            [
                ["PUT Keys", "PUT Keys"], // the task's key lookup ‖ outbox marker
                ["BATCH Instances"],
                ["POST TaskIndex"], // a new task's manifest is Added without reading it first
                [.. Enumerable.Repeat("BATCH TaskIndex", 6)],
                ["PUT TaskIndex"],
                ["DELETE Instances", "DELETE Keys"],
            ],
            waves);
    }

    [Fact(Timeout = 30_000)]
    public async Task Claim_Conflict_ClearsTheMarkerItWroteAheadAndChangesNothing()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.TwoSteps());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"));
        var taskKey = started.ChangedUserTaskKeys.Single();
        await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann"));
        var history = (await h.Store.ReadHistoryAsync(started.ProcessInstanceKey)).Count;

        var refused = await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("bob"));

        Assert.Equal(DomainErrorKind.Conflict, refused.Error!.Kind);
        // The command clears its unused marker after answering; wait (bounded) for that delete.
        for (var i = 0; i < 200 && (await MarkersAsync(h)).Count > 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Empty(await MarkersAsync(h));
        Assert.Equal(history, (await h.Store.ReadHistoryAsync(started.ProcessInstanceKey)).Count);
        Assert.Equal("ann", (await h.Index.GetAsync(taskKey, CancellationToken.None))!.Assignee);
    }

    [Fact(Timeout = 30_000)]
    public async Task Sweep_MarkerWithoutOutboxRow_DeletesItAndProjectsNothing()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.TwoSteps());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"));
        var taskKey = started.ChangedUserTaskKeys.Single();
        // What a command that marked ahead leaves when it crashes before committing or clearing: two of them.
        await h.Markers.SetAsync(started.ProcessInstanceKey, "crashed-1", CancellationToken.None);
        await h.Markers.SetAsync(started.ProcessInstanceKey, "crashed-2", CancellationToken.None);
        h.Waves.Reset(TimeSpan.Zero);

        await h.SweepAsync();

        Assert.Empty(await MarkersAsync(h));
        Assert.DoesNotContain(h.Waves.Waves().SelectMany(w => w), r => r.Contains("TaskIndex", StringComparison.Ordinal));
        var indexed = (await h.Index.GetAsync(taskKey, CancellationToken.None))!;
        Assert.Equal(started.Instance!.UserTasks[taskKey].Version, indexed.Version);
    }

    private async Task<List<List<string>>> WavesOfAsync(RuntimeHarness h, Func<Task<CommandResult>> command)
    {
        h.Waves.Reset(Hold);
        var result = await command();
        h.Waves.Hold = TimeSpan.Zero;
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var waves = h.Waves.Waves();
        output.WriteLine(string.Join("\n", waves.Select(w => string.Join(" ‖ ", w))));
        return waves;
    }

    private static async Task<List<string>> MarkersAsync(RuntimeHarness h)
    {
        var rows = new List<string>();
        await foreach (var row in h.Hub.Keys.QueryAsync(
            TableFilter.PartitionKey.Ge(OutboxMarkers.PartitionPrefix) & TableFilter.PartitionKey.Lt(OutboxMarkers.PartitionPrefix + "~")))
        {
            rows.Add(row.RowKey!);
        }

        return rows;
    }
}
