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
    public void CancelTask_ByPerson_RaisesIncidentInsteadOfLeavingTokenStuck()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var task = harness.OpenTask("approve");

        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Cancel("not needed")));

        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[task.UserTaskKey].State);
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        Assert.Single(harness.State.Incidents);
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
