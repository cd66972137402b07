using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Timers;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class TimerSinkTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task DueDate_ClockPassesIt_TaskOverdueInEntityAndIndex()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var taskKey = started.ChangedUserTaskKeys.Single();
        Assert.Equal(0, await h.TimerTrigger.RunOnceAsync(CancellationToken.None));

        h.Clock.Advance(TimeSpan.FromHours(2));
        var fired = await h.TimerTrigger.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, fired);
        var task = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance.UserTasks[taskKey];
        Assert.True(task.IsOverdue);
        Assert.True((await h.Index.GetAsync(taskKey, CancellationToken.None))!.IsOverdue);
        Assert.Equal(0, await h.Timers.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task BoundaryTimer_InterruptsTaskNotReadUpFront_TaskCanceledAndEscalationCreated()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewWithDeadline());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var reviewKey = started.ChangedUserTaskKeys.Single();

        h.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await h.TimerTrigger.RunOnceAsync(CancellationToken.None));

        var tasks = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance.UserTasks.Values.ToList();
        Assert.Equal(UserTaskState.Canceled, tasks.Single(t => t.UserTaskKey == reviewKey).State);
        Assert.Equal(UserTaskState.Canceled, (await h.Index.GetAsync(reviewKey, CancellationToken.None))!.State);
        Assert.Equal("escalate", Assert.Single(await h.IndexedTasksAsync(started.ProcessInstanceKey, UserTaskState.Created)).ElementId);
        Assert.Equal("escalate", Assert.Single(tasks, t => t.IsOpen).ElementId);
    }

    [Fact(Timeout = 30_000)]
    public async Task FireAsync_SameTimerTwice_SecondChangesNothing()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var pending = Assert.Single(started.Instance!.State.Timers);
        var timer = new DurableTimer(started.ProcessInstanceKey, pending.TimerId, pending.DueAt, pending.Token, pending.Kind);
        var sink = new Storage.Runtime.ProcessTimerSink(h.Processor);
        h.Clock.Advance(TimeSpan.FromHours(2));

        await sink.FireAsync(timer, CancellationToken.None);
        var after = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!;
        await sink.FireAsync(timer, CancellationToken.None);

        var again = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!;
        Assert.Equal(after.ETag, again.ETag);
        Assert.True(again.Instance.UserTasks.Values.Single().IsOverdue);
    }

    [Fact(Timeout = 30_000)]
    public async Task FireAsync_UnknownInstance_NoError()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var sink = new Storage.Runtime.ProcessTimerSink(h.Processor);

        await sink.FireAsync(new DurableTimer(424242, "1:due", h.Clock.GetUtcNow(), "t", default), CancellationToken.None);

        Assert.Null(await h.Store.ReadAllAsync(424242));
    }
}
