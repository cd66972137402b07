using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>
/// A fault at every request position of a command: the command either commits completely or not at all, the caller
/// gets success or a typed storage failure, and after a sweep the index and timers match the instance rows.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommandProcessorFaultTests(AzuriteFixture azurite)
{
    public static TheoryData<FaultKind, int> Faults => new()
    {
        { FaultKind.Fail, 0 },
        { FaultKind.Drop, 0 },
        { FaultKind.Drop, 4 },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Faults))]
    public async Task Claim_FaultAtEveryRequest_AllOrNothingAndIndexConverges(FaultKind kind, int retries)
    {
        var h = await RuntimeHarness.CreateAsync(azurite, retries);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var requests = await CleanRunRequestsAsync(h, process, claim: true);

        for (var position = 1; position <= requests + 1; position++)
        {
            var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
            var taskKey = started.ChangedUserTaskKeys.Single();
            var historyBefore = (await h.Store.ReadHistoryAsync(started.ProcessInstanceKey)).Count;

            h.Faults.Reset(position, kind);
            var succeeded = await RunAsync(() => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann")));
            Assert.True(h.Faults.Fired || position > requests, $"position {position}: no fault injected");
            await h.SweepAsync();

            var task = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance.UserTasks[taskKey];
            var history = await h.Store.ReadHistoryAsync(started.ProcessInstanceKey);
            if (task.Assignee is null)
            {
                Assert.False(succeeded, $"position {position}: success reported but nothing committed");
                Assert.Equal(historyBefore, history.Count);
            }
            else
            {
                Assert.Equal("ann", task.Assignee);
                Assert.Equal(historyBefore + 1, history.Count);
            }

            await AssertProjectedAsync(h, started.ProcessInstanceKey, position);
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Faults))]
    public async Task Complete_FaultAtEveryRequest_AllOrNothingAndIndexConverges(FaultKind kind, int retries)
    {
        var h = await RuntimeHarness.CreateAsync(azurite, retries);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var requests = await CleanRunRequestsAsync(h, process, claim: false);

        for (var position = 1; position <= requests + 1; position++)
        {
            var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
            var taskKey = started.ChangedUserTaskKeys.Single();
            await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann"));

            h.Faults.Reset(position, kind);
            var succeeded = await RunAsync(() => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Complete(), Caller.User("ann")));
            Assert.True(h.Faults.Fired || position > requests, $"position {position}: no fault injected");
            await h.SweepAsync();

            var instance = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance;
            var open = instance.UserTasks.Values.Where(t => t.IsOpen).ToList();
            if (instance.UserTasks[taskKey].IsOpen)
            {
                Assert.False(succeeded, $"position {position}: success reported but nothing committed");
                Assert.Equal(taskKey, Assert.Single(open).UserTaskKey);
            }
            else
            {
                Assert.Equal(UserTaskState.Completed, instance.UserTasks[taskKey].State);
                Assert.Equal("approve", Assert.Single(open).ElementId);
            }

            await AssertProjectedAsync(h, started.ProcessInstanceKey, position);
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Faults))]
    public async Task Start_FaultAtEveryRequest_InstanceWholeOrAbsent(FaultKind kind, int retries)
    {
        var h = await RuntimeHarness.CreateAsync(azurite, retries);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        h.Faults.Reset();
        await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var requests = h.Faults.Count;

        for (var position = 1; position <= requests + 1; position++)
        {
            var before = await InstanceKeysAsync(h);
            h.Faults.Reset(position, kind);
            var succeeded = await RunAsync(() => h.Processor.StartInstanceAsync(process, null, Caller.Anonymous));
            Assert.True(h.Faults.Fired || position > requests, $"position {position}: no fault injected");
            await h.SweepAsync();

            var added = (await InstanceKeysAsync(h)).Except(before).ToList();
            Assert.True(added.Count <= 1, $"position {position}: {added.Count} instances");
            if (succeeded)
            {
                Assert.Single(added);
            }

            foreach (var key in added)
            {
                var instance = (await h.Store.ReadAllAsync(key))!.Instance;
                Assert.Equal("review", Assert.Single(instance.UserTasks.Values).ElementId);
                await AssertProjectedAsync(h, key, position);
            }
        }
    }

    private static async Task<int> CleanRunRequestsAsync(RuntimeHarness h, TaskFunctions.Storage.Definitions.DeployedProcess process, bool claim)
    {
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var taskKey = started.ChangedUserTaskKeys.Single();
        if (!claim)
        {
            await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann"));
        }

        h.Faults.Reset();
        await h.Processor.ExecuteUserTaskAsync(taskKey, claim ? new UserTaskCommand.Claim() : new UserTaskCommand.Complete(), Caller.User("ann"));
        return h.Faults.Count;
    }

    // Success, or a typed storage failure; never anything else.
    private static async Task<bool> RunAsync(Func<Task<CommandResult>> command)
    {
        try
        {
            var result = await command();
            Assert.True(result.IsSuccess, result.Error?.ToString());
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
        catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.Unavailable)
        {
            return false;
        }
    }

    private static async Task AssertProjectedAsync(RuntimeHarness h, long instanceKey, int position)
    {
        var instance = (await h.Store.ReadAllAsync(instanceKey))!.Instance;
        Assert.Empty(await h.Store.ReadOutboxAsync(instanceKey));
        foreach (var task in instance.UserTasks.Values)
        {
            var indexed = await h.Index.GetAsync(task.UserTaskKey, CancellationToken.None);
            Assert.True(indexed is not null, $"position {position}: task {task.UserTaskKey} missing from the index");
            Assert.Equal(task.Version, indexed.Version);
            Assert.Equal(task.State, indexed.State);
            Assert.Equal(task.Assignee, indexed.Assignee);
        }

        var timers = new List<string>();
        await foreach (var timer in h.Timers.QueryDueAsync(DateTimeOffset.MaxValue.AddYears(-1), 1000, CancellationToken.None))
        {
            if (timer.ProcessInstanceKey == instanceKey)
            {
                timers.Add(timer.TimerId + "@" + timer.Token);
            }
        }

        Assert.Equal(instance.State.Timers.Select(t => t.TimerId + "@" + t.Token).Order(), timers.Order());
    }

    private static async Task<HashSet<long>> InstanceKeysAsync(RuntimeHarness h)
    {
        var keys = new HashSet<long>();
        await foreach (var row in h.Hub.Instances.QueryAsync(TableFilter.Property(TableEntity.RowKeyName).Eq(InstanceRows.InstanceRowKey)))
        {
            keys.Add(long.Parse(row.PartitionKey!, System.Globalization.CultureInfo.InvariantCulture));
        }

        return keys;
    }
}
