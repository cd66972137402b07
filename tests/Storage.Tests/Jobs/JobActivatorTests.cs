using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tests.Runtime;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Jobs;

[Collection(AzuriteCollection.Name)]
public sealed class JobActivatorTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task Activate_JobOfStartedInstance_LockedUntilTimeoutThenCompleted()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ChargeJob());
        var started = await h.Processor.StartInstanceAsync(process, new JsonObject { ["amount"] = 5 }, Caller.Anonymous);

        var first = Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10));
        var whileLocked = await h.Activator.ActivateJobsAsync("charge", "w2", TimeSpan.FromMinutes(5), 10);
        h.Clock.Advance(TimeSpan.FromMinutes(6));
        var afterTimeout = Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w2", TimeSpan.FromMinutes(5), 10));

        Assert.Equal(started.ProcessInstanceKey, first.Job.ProcessInstanceKey);
        Assert.Equal("test", first.Job.CustomHeaders["mode"]);
        Assert.Equal(5, first.Job.Variables["amount"]!.GetValue<int>());
        Assert.Empty(whileLocked);
        Assert.Equal(first.Job.JobKey, afterTimeout.Job.JobKey);

        var completed = await h.Processor.ExecuteJobAsync(first.Job.JobKey, new CompleteJob(first.Job.JobKey, new JsonObject { ["charged"] = true }), Caller.System);

        Assert.True(completed.IsSuccess, completed.Error?.ToString());
        Assert.Equal("check", Assert.Single(await h.IndexedTasksAsync(started.ProcessInstanceKey, UserTaskState.Created)).ElementId);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await h.Activator.ActivateJobsAsync("charge", "w3", TimeSpan.FromMinutes(5), 10));
    }

    [Fact(Timeout = 30_000)]
    public async Task FailJob_NoRetriesLeft_IncidentAndNotActivatable()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ChargeJob());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var job = Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10)).Job;

        var failed = await h.Processor.ExecuteJobAsync(job.JobKey, new FailJob(job.JobKey, 0, "card declined"), Caller.System);

        Assert.True(failed.IsSuccess, failed.Error?.ToString());
        Assert.Single(failed.Instance!.State.Incidents);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10));
        Assert.Equal(started.ProcessInstanceKey, failed.ProcessInstanceKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task FailJob_RetriesLeft_ActivatableAgainAfterBackoff()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ChargeJob());
        await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var job = Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10)).Job;

        await h.Processor.ExecuteJobAsync(job.JobKey, new FailJob(job.JobKey, 1, "try later", TimeSpan.FromMinutes(1)), Caller.System);

        Assert.Empty(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10));
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(job.JobKey, Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10)).Job.JobKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task ExecuteJob_UnknownKey_NotFound()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);

        var result = await h.Processor.ExecuteJobAsync(777, new CompleteJob(777), Caller.System);

        Assert.Equal(Domain.DomainErrorKind.NotFound, result.Error!.Kind);
    }
}
