using System.Text.Json.Nodes;
using TaskFunctions.Domain;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class CommandProcessorFlowTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact(Timeout = 30_000)]
    public async Task StartClaimComplete_ReviewTask_NextTaskAppearsInIndex()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());

        var started = await h.Processor.StartInstanceAsync(process, new JsonObject { ["amount"] = 10 }, Caller.User("ann"));
        Assert.True(started.IsSuccess, started.Error?.ToString());
        var instanceKey = started.ProcessInstanceKey;
        var review = Assert.Single(await h.IndexedTasksAsync(instanceKey, UserTaskState.Created));
        Assert.Equal("review", review.ElementId);

        var claimed = await h.Processor.ExecuteUserTaskAsync(review.UserTaskKey, new UserTaskCommand.Claim(), Caller.User("ann"));
        Assert.True(claimed.IsSuccess, claimed.Error?.ToString());
        Assert.Equal("ann", (await h.Index.GetAsync(review.UserTaskKey, CancellationToken.None))!.Assignee);

        var completed = await h.Processor.ExecuteUserTaskAsync(
            review.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["ok"] = true }), Caller.User("ann"));

        Assert.True(completed.IsSuccess, completed.Error?.ToString());
        var open = Assert.Single(await h.IndexedTasksAsync(instanceKey, UserTaskState.Created));
        Assert.Equal("approve", open.ElementId);
        Assert.Equal(UserTaskState.Completed, (await h.Index.GetAsync(review.UserTaskKey, CancellationToken.None))!.State);
        var snapshot = await h.Store.ReadAllAsync(instanceKey);
        Assert.Equal(UserTaskState.Completed, snapshot!.Instance.UserTasks[review.UserTaskKey].State);
        Assert.Empty(await h.Store.ReadOutboxAsync(instanceKey));
    }

    [Fact(Timeout = 30_000)]
    public async Task Commands_StartClaimComplete_UseFewRuntimeRequests()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        await h.Processor.StartInstanceAsync(process, null, Caller.User("warm"));

        var (started, start) = await CountAsync(h, () => h.Processor.StartInstanceAsync(process, null, Caller.User("ann")));
        var taskKey = started.ChangedUserTaskKeys.Single();
        var (_, claim) = await CountAsync(h, () => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann")));
        var (_, complete) = await CountAsync(h, () => h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Complete(), Caller.User("ann")));

        // Instances and Keys requests are the runtime's own; index and timer requests are the projections' cost.
        Assert.Equal(5, start.Runtime); // key lookup, outbox marker, transaction, outbox delete, marker delete
        Assert.Equal(5, claim.Runtime); // read, outbox marker, transaction, outbox delete, marker delete
        Assert.Equal(6, complete.Runtime); // read, next task's key lookup, outbox marker, transaction, outbox delete, marker delete
    }

    private async Task<(CommandResult Result, (int Runtime, int Total) Requests)> CountAsync(RuntimeHarness h, Func<Task<CommandResult>> command)
    {
        h.Faults.Reset();
        var result = await command();
        var requests = h.Faults.Requests.ToList();
        // The runtime's transaction comes before any projection request; later transactions are the index's.
        var firstProjection = requests.FindIndex(r => r.Contains("TaskIndex", StringComparison.Ordinal) || r.Contains("Timers", StringComparison.Ordinal));
        var runtime = requests.Where((r, i) => r.Contains("Instances", StringComparison.Ordinal) || r.Contains("Keys", StringComparison.Ordinal)
            || (r.Contains("$batch", StringComparison.Ordinal) && (firstProjection < 0 || i < firstProjection))).Count();
        output.WriteLine($"{requests.Count} requests, {runtime} by the runtime:\n  " + string.Join("\n  ", requests));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return (result, (runtime, requests.Count));
    }

    [Fact(Timeout = 30_000)]
    public async Task ExecuteUserTask_UnknownKey_NotFound()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);

        var result = await h.Processor.ExecuteUserTaskAsync(123456789, new UserTaskCommand.Claim(), Caller.User("ann"));

        Assert.Equal(DomainErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_UnknownInstance_NotFound()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);

        var result = await h.Processor.ExecuteAsync(987654321, new CancelInstance(), Caller.Anonymous);

        Assert.Equal(DomainErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task History_AfterClaim_RecordsWhoAndWhat()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"));
        var taskKey = started.ChangedUserTaskKeys.Single();

        await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("bob"));

        var history = await h.Store.ReadHistoryAsync(started.ProcessInstanceKey);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        var claim = history[^1];
        Assert.Equal("bob", claim.Actor);
        Assert.Equal(ProcessEventType.UserTaskEvent, claim.Type);
        Assert.Equal(taskKey, claim.UserTaskKey);
    }

    [Fact(Timeout = 30_000)]
    public async Task CancelInstance_OpenTask_CancelsTaskInEntityAndIndex()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"));
        var taskKey = started.ChangedUserTaskKeys.Single();

        var canceled = await h.Processor.ExecuteAsync(started.ProcessInstanceKey, new CancelInstance(), Caller.Anonymous);

        Assert.True(canceled.IsSuccess, canceled.Error?.ToString());
        Assert.Equal(ProcessInstanceStatus.Canceled, canceled.Instance!.Status);
        Assert.Equal(UserTaskState.Canceled, (await h.Index.GetAsync(taskKey, CancellationToken.None))!.State);
        Assert.Equal(0, await h.Timers.CountAsync(CancellationToken.None));
    }

    [Fact(Timeout = 30_000)]
    public async Task Instance_StateRow_CarriesQueryColumns()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());

        var started = await h.Processor.StartInstanceAsync(process, null, Caller.User("ann"));

        var row = (await h.Hub.Instances.GetEntityAsync(InstanceRows.PartitionKey(started.ProcessInstanceKey), InstanceRows.InstanceRowKey)).Value;
        Assert.Equal("Active", row.GetString("Status"));
        Assert.Equal("review-approve", row.GetString("BpmnProcessId"));
        Assert.Equal(process.ProcessDefinitionKey, row.GetInt64("ProcessDefinitionKey"));
        Assert.Equal(process.Version, row.GetInt32("Version"));
    }
}
