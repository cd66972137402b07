using TaskFunctions.Domain.UserTasks;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class OutboxSweeperTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task RunOnce_ProjectionFailedAfterCommit_FinishesIndexAndTimers()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        await h.Hub.TaskIndex.DeleteAsync();
        await h.Hub.Timers.DeleteAsync();

        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);

        Assert.True(started.IsSuccess, started.Error?.ToString());
        Assert.Single(await h.Store.ReadOutboxAsync(started.ProcessInstanceKey));
        await h.Hub.TaskIndex.CreateIfNotExistsAsync();
        await h.Hub.Timers.CreateIfNotExistsAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await h.Sweeper.RunOnceAsync());
        var taskKey = started.ChangedUserTaskKeys.Single();
        Assert.Equal(UserTaskState.Created, (await h.Index.GetAsync(taskKey, CancellationToken.None))!.State);
        Assert.Equal(1, await h.Timers.CountAsync(CancellationToken.None));
        Assert.Empty(await h.Store.ReadOutboxAsync(started.ProcessInstanceKey));
        Assert.Equal(0, await h.Sweeper.RunOnceAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task NextCommand_EarlierProjectionFailed_ProjectsTheEarlierOutboxFirstAndLeavesNothingUnmarked()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        await h.Hub.Timers.DeleteAsync();
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        await h.Hub.Timers.CreateIfNotExistsAsync();
        var taskKey = started.ChangedUserTaskKeys.Single();

        // The next command replaces the start's marker with its own and clears it: it must carry the start's
        // timers over first, or nothing would ever schedule them.
        var assigned = await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Assign("alice", null), Caller.Anonymous);

        Assert.True(assigned.IsSuccess, assigned.Error?.ToString());
        Assert.Equal(1, await h.Timers.CountAsync(CancellationToken.None));
        Assert.Empty(await h.Store.ReadOutboxAsync(started.ProcessInstanceKey));
        Assert.Equal("alice", (await h.Index.GetAsync(taskKey, CancellationToken.None))!.Assignee);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunOnce_RecentMarker_LeftForTheCommandStillProjecting()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        await h.Markers.SetAsync(42, "command", CancellationToken.None);
        var sweeper = new Storage.Runtime.OutboxSweeper(h.Store, h.Projector, h.Markers, h.Clock) { Age = TimeSpan.FromSeconds(10) };

        var early = await sweeper.RunOnceAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(11));
        var late = await sweeper.RunOnceAsync();

        Assert.Equal(0, early);
        Assert.Equal(1, late);
    }
}
