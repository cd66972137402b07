using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class UserTaskScenarioTests
{
    [Fact]
    public void Approval_CompletedWithExpectedOutputs_GatewayAndScriptConsumeThem()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start(new JsonObject { ["requester"] = "carol" });
        var task = harness.OpenTask("approve");
        Assert.Equal(new[] { "managers" }, task.CandidateGroups.ToArray());
        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Claim()), Caller.User("mike", "managers"));

        harness.Send(
            new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true, ["comment"] = "fine" })),
            Caller.User("mike", "managers"));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal("Approved: fine", harness.Variables["message"]!.GetValue<string>());
        Assert.Equal(UserTaskState.Completed, harness.Instance!.UserTasks[task.UserTaskKey].State);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_approved");
    }

    [Fact]
    public void Approval_CompletedWithoutExpectedOutputs_RejectedAndNothingChanges()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var before = ProcessInstanceJson.Serialize(harness.State);
        var task = harness.OpenTask("approve");

        var result = harness.TrySend(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true })));

        Assert.False(result.IsSuccess);
        Assert.Equal(DomainErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(before, ProcessInstanceJson.Serialize(harness.State));
    }

    [Fact]
    public void Approval_Rejected_TakesDefaultFlow()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();

        harness.CompleteTask("approve", new JsonObject { ["approved"] = false, ["comment"] = "no" });

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_rejected");
        Assert.False(harness.Variables.ContainsKey("message"));
    }

    [Fact]
    public void Fail_WithCaughtErrorCode_RoutesToErrorBoundary()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Fail("REJECTED", "system said no")));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal(UserTaskState.Failed, harness.Instance!.UserTasks[task.UserTaskKey].State);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ErrorCaught && e.Data!["boundaryEventId"]!.GetValue<string>() == "rejected_by_system");
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_error");
    }

    [Fact]
    public void Fail_WithUncaughtCode_RaisesIncidentAndStaysActive()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Fail("OTHER", "boom")));

        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.UnhandledErrorEvent, incident.ErrorType);
        Assert.Equal("OTHER", incident.ErrorCode);
    }

    [Fact]
    public void Fail_WithoutCode_RaisesIncident_ResolvingCreatesNewTask()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");
        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Fail(null, "cannot decide")));
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.TaskFailed, incident.ErrorType);

        harness.Send(new ResolveIncident(incident.Key));

        Assert.Empty(harness.State.Incidents);
        Assert.NotEqual(task.UserTaskKey, harness.OpenTask("approve").UserTaskKey);
    }

    [Fact]
    public void CancelInstance_WithOpenTask_CancelsTaskAndInstance()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        harness.Send(new CancelInstance());

        Assert.Equal(ProcessInstanceStatus.Canceled, harness.State.Status);
        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[task.UserTaskKey].State);
        Assert.Empty(harness.State.ElementInstances);
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void AnyCommand_OnCanceledInstance_IsInvalidState()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");
        harness.Send(new CancelInstance());

        var complete = harness.TrySend(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true, ["comment"] = "x" })));
        var cancel = harness.TrySend(new CancelInstance());
        var repeat = harness.TrySend(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Cancel()));

        Assert.Equal(DomainErrorKind.InvalidState, complete.Error!.Kind);
        Assert.Equal(DomainErrorKind.InvalidState, cancel.Error!.Kind);
        Assert.True(repeat.IsSuccess);
        Assert.True(repeat.IsNoOp);
    }

    [Fact]
    public void CancelTask_OnlyBranch_BranchStopsAndInstanceEndsCanceled()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Cancel("not needed")));

        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[task.UserTaskKey].State);
        Assert.Equal(ProcessInstanceStatus.Canceled, harness.State.Status);
        Assert.Empty(harness.State.Incidents);
        Assert.Empty(harness.Timers);
        Assert.DoesNotContain(harness.History, e => e.Type == ProcessEventType.ProcessInstanceCompleted);
    }

    [Fact]
    public void CancelTask_OneOfTwoParallelBranches_OtherBranchGoesOnButJoinNeverFires()
    {
        var harness = ProcessHarness.For("parallel.bpmn");
        harness.Start();

        harness.Send(new UserTaskCommandEnvelope(harness.OpenTask("task_a").UserTaskKey, new UserTaskCommand.Cancel(null)));

        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        Assert.Equal(UserTaskState.Created, harness.OpenTask("task_b").State);
        harness.CompleteTask("task_b");
        Assert.False(harness.Variables.ContainsKey("joined"));
    }

    [Fact]
    public void CancelTask_InsideSubProcess_SubProcessStopsAndNothingAfterItRuns()
    {
        var harness = ProcessHarness.For("scopes.bpmn");
        harness.Start(new JsonObject { ["base"] = 10, ["nudges"] = 0 });
        harness.CompleteTask("prepare");
        var inner = harness.OpenTask("inner_review");

        harness.Send(new UserTaskCommandEnvelope(inner.UserTaskKey, new UserTaskCommand.Cancel("withdrawn")));

        Assert.Equal(ProcessInstanceStatus.Canceled, harness.State.Status);
        Assert.DoesNotContain(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "handle");
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void CancelTask_OneParallelMultiInstanceTask_OthersFinishAndItsOutputIsNull()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");
        harness.Start(new JsonObject { ["reviewers"] = new JsonArray("ann", "ben") });
        var tasks = harness.OpenTasks("vote").ToList();

        harness.Send(new UserTaskCommandEnvelope(tasks[0].UserTaskKey, new UserTaskCommand.Cancel("on leave")));
        harness.Send(
            new UserTaskCommandEnvelope(tasks[1].UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["decision"] = "yes" })),
            Caller.User("ben"));

        Assert.Equal("[null,\"yes\"]", harness.Variables["votes"]!.ToJsonString());
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
    }

    [Fact]
    public void CancelTask_EveryMultiInstanceTask_NothingDownstreamRunsAndInstanceEndsCanceled()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");
        harness.Start(new JsonObject { ["reviewers"] = new JsonArray("ann", "ben") });

        foreach (var task in harness.OpenTasks("vote").ToList())
        {
            harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Cancel(null)));
        }

        Assert.Equal(ProcessInstanceStatus.Canceled, harness.State.Status);
        Assert.False(harness.Variables.ContainsKey("squares"));
    }

    [Fact]
    public void UserTaskCommand_UnknownTask_IsNotFound()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();

        var result = harness.TrySend(new UserTaskCommandEnvelope(42, new UserTaskCommand.Claim()), Caller.User("mike", "managers"));

        Assert.Equal(DomainErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact]
    public void Claim_ByEligibleUser_RecordsWhoAndWhen()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        var result = harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Claim()), Caller.User("mike", "managers"));

        Assert.Equal("mike", harness.OpenTask("approve").Assignee);
        Assert.Equal([task.UserTaskKey], result.ChangedUserTaskKeys);
        var entry = Assert.Single(result.Events);
        Assert.Equal("mike", entry.Actor);
        Assert.Equal(ProcessHarness.Epoch, entry.Timestamp);
    }
}
