using TaskFunctions.Domain;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class CommandProcessorConcurrencyTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task Claim_HundredInParallel_OneWinnerAndCleanConflicts()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
        var taskKey = started.ChangedUserTaskKeys.Single();
        var historyBefore = (await h.Store.ReadHistoryAsync(started.ProcessInstanceKey)).Count;

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => h.NewProcessor().ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("user" + i)))));

        var winners = results.Where(r => r.IsSuccess).ToList();
        var winner = Assert.Single(winners);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(DomainErrorKind.Conflict, r.Error!.Kind));
        var assignee = winner.Instance!.UserTasks[taskKey].Assignee;
        var snapshot = await h.Store.ReadAllAsync(started.ProcessInstanceKey);
        Assert.Equal(assignee, snapshot!.Instance.UserTasks[taskKey].Assignee);
        var history = await h.Store.ReadHistoryAsync(started.ProcessInstanceKey);
        var added = Assert.Single(history.Skip(historyBefore));
        Assert.Equal(assignee, added.Actor);
        Assert.Equal(assignee, (await h.Index.GetAsync(taskKey, CancellationToken.None))!.Assignee);
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteAndCancel_Racing_ExactlyOneTerminalOutcome()
    {
        var h = await RuntimeHarness.CreateAsync(azurite);
        var process = await h.DeployAsync(Processes.ReviewApprove());
        for (var round = 0; round < 5; round++)
        {
            var started = await h.Processor.StartInstanceAsync(process, null, Caller.Anonymous);
            var taskKey = started.ChangedUserTaskKeys.Single();
            await h.Processor.ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Claim(), Caller.User("ann"));

            var complete = Task.Run(() => h.NewProcessor().ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Complete(), Caller.User("ann")));
            var cancel = Task.Run(() => h.NewProcessor().ExecuteUserTaskAsync(taskKey, new UserTaskCommand.Cancel("stop"), Caller.Admin("boss")));
            var results = await Task.WhenAll(complete, cancel);

            var task = (await h.Store.ReadAllAsync(started.ProcessInstanceKey))!.Instance.UserTasks[taskKey];
            Assert.Single(results, r => r.IsSuccess);
            Assert.Equal(results[0].IsSuccess ? UserTaskState.Completed : UserTaskState.Canceled, task.State);
            Assert.Equal(task.State, (await h.Index.GetAsync(taskKey, CancellationToken.None))!.State);
            var history = await h.Store.ReadHistoryAsync(started.ProcessInstanceKey);
            var taskEvents = history.Where(e => e.UserTaskKey == taskKey && e.Type == ProcessEventType.UserTaskEvent)
                .Select(e => e.Data?.ToJsonString() ?? "").ToList();
            Assert.True(
                taskEvents.Count(d => d.Contains("\"kind\":\"completed\"", StringComparison.OrdinalIgnoreCase) || d.Contains("\"kind\":\"canceled\"", StringComparison.OrdinalIgnoreCase)) == 1,
                string.Join("\n", taskEvents));
        }
    }
}
