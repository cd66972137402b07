using System.Text.Json.Nodes;
using TaskFunctions.Domain;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>Commands that change more existing task rows than one transaction holds (staged with their committed content).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargeChangeTests(AzuriteFixture azurite)
{
    private const int TaskCount = 150;

    [Fact(Timeout = 60_000)]
    public async Task CancelInstance_HundredFiftyOpenTasks_AllCanceledInRowsAndIndex()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ManyTasks());
        var started = await StartAsync(h, process);

        var canceled = await h.Processor.ExecuteAsync(started, new CancelInstance(), Caller.Admin("boss"));

        Assert.True(canceled.IsSuccess, canceled.Error?.ToString());
        var instance = (await h.Store.ReadAllAsync(started))!.Instance;
        Assert.Equal(ProcessInstanceStatus.Canceled, instance.State.Status);
        Assert.Equal(TaskCount, instance.UserTasks.Values.Count(t => t.State == UserTaskState.Canceled));
        Assert.Equal(TaskCount, (await h.IndexedTasksAsync(started, UserTaskState.Canceled)).Count);
        Assert.Empty(await h.IndexedTasksAsync(started, UserTaskState.Created));
        var task = instance.UserTasks.Keys.First();
        Assert.Equal(UserTaskState.Canceled, (await InstanceStore.ReadCommittedTaskAsync(h.Hub.Instances, started, task, CancellationToken.None))!.State);
        Assert.Equal(instance.State.Sequence, (await h.Store.ReadHistoryAsync(started)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task CancelInstance_FailureAtMiddleStagingBatchThenAtFinalTransaction_UnchangedAndRetrySucceeds()
    {
        var h = await RuntimeHarness.CreateAsync(azurite, maxRetries: 0);
        var process = await h.DeployAsync(Processes.ManyTasks());
        var batches = await CancelBatchesAsync(h, process);
        var started = await StartAsync(h, process);
        var before = (await h.Store.ReadAllAsync(started))!;
        var task = before.Instance.UserTasks.Keys.First();
        var oneAttempt = new CommandProcessor(
            h.Hub, h.Store, h.Definitions, h.Keys, h.Lookup, h.Projector, h.Markers, h.Clock, new CommandProcessorOptions { MaxAttempts = 1 });

        h.Faults.Reset(batches[batches.Count / 2], FaultKind.Fail);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => oneAttempt.ExecuteAsync(started, new CancelInstance(), Caller.Admin("boss")));
        Assert.True(h.Faults.Fired);
        await h.SweepAsync();
        await AssertUnchangedAsync(h, started, before);

        h.Faults.Reset(batches[^1], FaultKind.Fail);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => oneAttempt.ExecuteAsync(started, new CancelInstance(), Caller.Admin("boss")));
        Assert.True(h.Faults.Fired);
        await h.SweepAsync();
        await AssertUnchangedAsync(h, started, before);

        // Every row carries the staged cancel, yet every reader sees the committed content.
        var raw = await h.Hub.Instances.GetEntityAsync(InstanceRows.PartitionKey(started), InstanceRows.TaskRowKey(task));
        Assert.Equal(nameof(UserTaskState.Canceled), raw.Value.GetString("TaskState"));
        Assert.NotNull(InstanceRows.StagedBy(raw.Value));
        Assert.Equal(UserTaskState.Created, (await InstanceStore.ReadCommittedTaskAsync(h.Hub.Instances, started, task, CancellationToken.None))!.State);
        await AssertRetryCancelsAllAsync(h, started);
    }

    [Fact(Timeout = 60_000)]
    public async Task CancelInstance_RacingClaimOfOneTask_OneConsistentOutcome()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ManyTasks());
        var started = await StartAsync(h, process);
        var task = (await h.Store.ReadAllAsync(started))!.Instance.UserTasks.Keys.Max();

        var cancel = Task.Run(() => h.NewProcessor().ExecuteAsync(started, new CancelInstance(), Caller.Admin("boss")));
        var claim = Task.Run(async () =>
        {
            // Let the cancel read first, so the claim lands while it stages.
            await Task.Delay(30);
            return await h.NewProcessor().ExecuteUserTaskAsync(task, new UserTaskCommand.Claim(), Caller.User("ann"));
        });
        var results = await Task.WhenAll(cancel, claim);
        await h.SweepAsync();

        Assert.True(results[0].IsSuccess, results[0].Error?.ToString());
        var instance = (await h.Store.ReadAllAsync(started))!.Instance;
        Assert.Equal(TaskCount, instance.UserTasks.Values.Count(t => t.State == UserTaskState.Canceled));
        var claimed = instance.UserTasks[task];
        if (results[1].IsSuccess)
        {
            Assert.Equal("ann", claimed.Assignee);
        }
        else
        {
            Assert.Equal(DomainErrorKind.InvalidState, results[1].Error!.Kind);
            Assert.Null(claimed.Assignee);
        }

        var indexed = await h.IndexedTasksAsync(started, UserTaskState.Canceled);
        Assert.Equal(TaskCount, indexed.Count);
        Assert.Equal(claimed.Assignee, indexed.Single(t => t.UserTaskKey == task).Assignee);
    }

    [Fact(Timeout = 30_000)]
    public async Task Claim_StagedByOversizedCommandThenRewritten_CommitRowRemoved()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var task = Assert.Single(started.Instance!.UserTasks.Keys);
        // Two operations per transaction: the instance and outbox rows fill the final one, so the task row is staged.
        var tiny = new CommandProcessor(
            h.Hub, h.Store, h.Definitions, h.Keys, h.Lookup, h.Projector, h.Markers, h.Clock, new CommandProcessorOptions { MaxBatchOperations = 2 });

        var claimed = await tiny.ExecuteUserTaskAsync(task, new UserTaskCommand.Claim(), Caller.User("ann"));
        var raw = await h.Hub.Instances.GetEntityAsync(InstanceRows.PartitionKey(started.ProcessInstanceKey), InstanceRows.TaskRowKey(task));
        var commitsAfterClaim = await CommitRowsAsync(h, started.ProcessInstanceKey);
        var canceled = await h.Processor.ExecuteAsync(started.ProcessInstanceKey, new CancelInstance(), Caller.Admin("boss"));

        Assert.True(claimed.IsSuccess, claimed.Error?.ToString());
        Assert.Equal(InstanceRows.StagedBy(raw.Value), Assert.Single(commitsAfterClaim));
        Assert.True(canceled.IsSuccess, canceled.Error?.ToString());
        Assert.Empty(await CommitRowsAsync(h, started.ProcessInstanceKey));
        var after = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance.UserTasks[task];
        Assert.Equal((UserTaskState.Canceled, "ann"), (after.State, after.Assignee));
    }

    [Fact(Timeout = 30_000)]
    public async Task ThrowJobError_CaughtByErrorBoundary_JobEndsAndHandlerTaskCreated()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ChargeWithErrorBoundary());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var job = Assert.Single(await h.Activator.ActivateJobsAsync("charge", "w1", TimeSpan.FromMinutes(5), 10)).Job;

        var thrown = await h.Processor.ExecuteJobAsync(job.JobKey, new ThrowJobError(job.JobKey, "DECLINED", "card declined"), Caller.System);

        Assert.True(thrown.IsSuccess, thrown.Error?.ToString());
        var instance = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance;
        Assert.Equal(JobState.ErrorThrown, instance.Jobs[job.JobKey].State);
        Assert.Empty(instance.State.Incidents);
        Assert.Equal("handle", Assert.Single(await h.IndexedTasksAsync(started.ProcessInstanceKey, UserTaskState.Created)).ElementId);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await h.Activator.ActivateJobsAsync("charge", "w2", TimeSpan.FromMinutes(5), 10));
    }

    private static async Task<List<string>> CommitRowsAsync(RuntimeHarness h, long instanceKey)
    {
        var pk = InstanceRows.PartitionKey(instanceKey);
        var stages = new List<string>();
        await foreach (var row in h.Hub.Instances.QueryAsync(
            TableFilter.Create($"PartitionKey eq {pk} and RowKey ge {InstanceRows.CommitPrefix} and RowKey lt {"commit."}")))
        {
            stages.Add(row.RowKey![InstanceRows.CommitPrefix.Length..]);
        }

        return stages;
    }

    private static async Task<long> StartAsync(RuntimeHarness h, DeployedProcess process)
    {
        var variables = new JsonObject { ["items"] = new JsonArray(Enumerable.Range(1, TaskCount).Select(i => (JsonNode)i).ToArray()) };
        var started = await h.Processor.StartInstanceAsync(process, variables, Caller.Anonymous);
        Assert.True(started.IsSuccess, started.Error?.ToString());
        return started.ProcessInstanceKey;
    }

    // A clean cancel of another instance shows which requests are its transactions: staging batches, then the final one.
    private static async Task<List<int>> CancelBatchesAsync(RuntimeHarness h, DeployedProcess process)
    {
        var instance = await StartAsync(h, process);
        h.Faults.Reset();
        var canceled = await h.Processor.ExecuteAsync(instance, new CancelInstance(), Caller.Admin("boss"));
        Assert.True(canceled.IsSuccess, canceled.Error?.ToString());
        var requests = h.Faults.Requests.ToList();
        var commitEnd = requests.FindIndex(r => r.Contains("TaskIndex", StringComparison.Ordinal));
        var batches = requests.Take(commitEnd).Select((r, i) => (r, i)).Where(x => x.r.Contains("$batch", StringComparison.Ordinal)).Select(x => x.i + 1).ToList();
        Assert.True(batches.Count >= 3, $"expected staging batches, got {batches.Count}");
        return batches;
    }

    private static async Task AssertUnchangedAsync(RuntimeHarness h, long instanceKey, InstanceSnapshot before)
    {
        var after = (await h.Store.ReadAllAsync(instanceKey))!;
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(ProcessInstanceStatus.Active, after.Instance.State.Status);
        Assert.Equal(TaskCount, after.Instance.UserTasks.Values.Count(t => t.State == UserTaskState.Created));
        Assert.Equal(before.Instance.UserTasks.Keys.Order(), after.Instance.UserTasks.Keys.Order());
        Assert.Equal(TaskCount, (await h.IndexedTasksAsync(instanceKey, UserTaskState.Created)).Count);
        Assert.Equal(before.Sequence, (await h.Store.ReadHistoryAsync(instanceKey)).Count);
    }

    private static async Task AssertRetryCancelsAllAsync(RuntimeHarness h, long instanceKey)
    {
        var retried = await h.Processor.ExecuteAsync(instanceKey, new CancelInstance(), Caller.Admin("boss"));

        Assert.True(retried.IsSuccess, retried.Error?.ToString());
        var instance = (await h.Store.ReadAllAsync(instanceKey))!.Instance;
        Assert.Equal(TaskCount, instance.UserTasks.Values.Count(t => t.State == UserTaskState.Canceled));
        Assert.Equal(TaskCount, (await h.IndexedTasksAsync(instanceKey, UserTaskState.Canceled)).Count);
    }
}
