using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class StructureScenarioTests
{
    [Fact]
    public void MultiInstanceParallel_CompletionConditionMet_CancelsRestAndCollectsByLoopCounter()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");
        harness.Start(new JsonObject { ["reviewers"] = new JsonArray("ann", "ben", "cid") });
        var tasks = harness.OpenTasks("vote").ToList();
        Assert.Equal(["ann", "ben", "cid"], tasks.Select(t => t.Assignee!).ToArray());

        Complete(harness, tasks[2], "no");
        Complete(harness, tasks[0], "yes");

        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[tasks[1].UserTaskKey].State);
        Assert.Equal("[\"yes\",null,\"no\"]", harness.Variables["votes"]!.ToJsonString());
        Assert.Equal("[1,4,9]", harness.Variables["squares"]!.ToJsonString());
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
    }

    [Fact]
    public void MultiInstanceSequential_OneAfterTheOther_StopsAtCompletionCondition()
    {
        var harness = ProcessHarness.For("multi-instance-sequential.bpmn");
        harness.Start(new JsonObject { ["reviewers"] = new JsonArray("ann", "ben", "cid") });

        Assert.Equal("ann", Assert.Single(harness.OpenTasks("vote")).Assignee);
        Complete(harness, harness.OpenTask("vote"), "yes");
        Assert.Equal("ben", Assert.Single(harness.OpenTasks("vote")).Assignee);
        Complete(harness, harness.OpenTask("vote"), "no");

        Assert.Equal(2, harness.Instance!.UserTasks.Count);
        Assert.Equal("[\"yes\",\"no\",null]", harness.Variables["votes"]!.ToJsonString());
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
    }

    [Fact]
    public void MultiInstance_InputCollectionNotAList_RaisesIncident()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");

        harness.Start(new JsonObject { ["reviewers"] = "ann" });

        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal("vote", incident.ElementId);
        Assert.Contains("must be a list", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiInstance_EmptyCollection_CompletesBodyRightAway()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");

        harness.Start(new JsonObject { ["reviewers"] = new JsonArray() });

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal("[]", harness.Variables["votes"]!.ToJsonString());
    }

    [Fact]
    public void TerminateEnd_CancelsOtherTasksAndJobs_InstanceCompletes()
    {
        var harness = ProcessHarness.For("terminate.bpmn");
        harness.Start();
        var normal = harness.OpenTask("normal");
        var job = harness.ActiveJob("archive");

        harness.CompleteTask("urgent");

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[normal.UserTaskKey].State);
        Assert.Equal(JobState.Canceled, harness.Instance.Jobs[job.JobKey].State);
        Assert.Empty(harness.ActivatableJobs);
        Assert.Empty(harness.State.ElementInstances);
    }

    private static void Complete(ProcessHarness harness, UserTask task, string decision) =>
        harness.Send(
            new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["decision"] = decision })),
            Caller.User(task.Assignee!));
}
