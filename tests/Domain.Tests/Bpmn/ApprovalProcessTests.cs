using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

public sealed class ApprovalProcessTests
{
    private readonly ProcessDefinition _process = BpmnFixtures.ParseSingle("approval-process.bpmn");

    [Fact]
    public void Parse_ApprovalProcess_ReadsProcessHeader()
    {
        Assert.Equal("expense-approval", _process.BpmnProcessId);
        Assert.Equal("Expense approval", _process.Name);
        Assert.Equal("v3", _process.VersionTag);
        Assert.Equal("expense-approval", _process.Scope.Id);
        Assert.Equal("StartEvent_submitted", _process.Scope.StartEvent.Id);
        Assert.Equal(15, _process.FlowNodes.Count);
        Assert.Equal(13, _process.SequenceFlows.Count);
    }

    [Fact]
    public void Parse_CamundaUserTask_ReadsEveryUserTaskFeature()
    {
        var task = _process.GetFlowNode<UserTask>("Task_review");
        var definition = task.Definition;

        Assert.Equal("Review expense", task.Name);
        Assert.True(definition.IsCamundaUserTask);
        Assert.Null(definition.JobType);
        Assert.Equal("manager", definition.Assignee!.Expression!.Source);
        Assert.Equal(["alice", "bob"], definition.CandidateUsers!.Value);
        Assert.Equal(["finance", "controllers"], definition.CandidateGroups!.Value);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.FromHours(1)), definition.DueDate!.Value);
        Assert.Equal("now() + duration(\"P2D\")", definition.FollowUpDate!.Expression!.Source);
        Assert.Equal(80, definition.Priority.Value);
        Assert.Equal(new LinkedFormReference("expense-review", FormBindingType.VersionTag, "v2"), definition.Form);
        Assert.Equal(["approved", "reviewComment"], definition.ExpectedOutputs);
        Assert.Equal("travel-2026", task.Headers["policy"]);
        Assert.Equal("gold", task.Properties["sla"]);
    }

    [Fact]
    public void Parse_CamundaUserTask_ReadsListenersInOrder()
    {
        var listeners = _process.GetFlowNode<UserTask>("Task_review").Definition.Listeners;

        Assert.Collection(
            listeners,
            first =>
            {
                Assert.Equal(TaskListenerEventType.Assigning, first.EventType);
                Assert.Equal("notify-assignee", first.Type.Value);
                Assert.Equal(5, first.Retries.Value);
            },
            second =>
            {
                Assert.Equal(TaskListenerEventType.Completing, second.EventType);
                Assert.Equal("\"audit-\" + region", second.Type.Expression!.Source);
                Assert.Equal(3, second.Retries.Value);
            });
    }

    [Fact]
    public void Parse_UserTaskIoMapping_ReadsInputsAndOutputs()
    {
        var mapping = _process.GetFlowNode<UserTask>("Task_review").IoMapping;

        var input = Assert.Single(mapping.Inputs);
        Assert.Equal("expense.amount", input.Source.Expression!.Source);
        Assert.Equal("amount", input.Target);
        var output = Assert.Single(mapping.Outputs);
        Assert.Equal("approved", output.Source.Expression!.Source);
        Assert.Equal("reviewApproved", output.Target);
    }

    [Fact]
    public void Parse_BoundaryTimers_AttachToTheReviewTask()
    {
        var task = _process.GetFlowNode<UserTask>("Task_review");

        Assert.Equal(["Event_reminder", "Event_escalate"], task.BoundaryEvents.Select(b => b.Id));
        var reminder = Assert.IsType<TimerBoundaryEvent>(task.BoundaryEvents[0]);
        Assert.False(reminder.CancelActivity);
        Assert.Equal(TimerKind.Cycle, reminder.Timer.Kind);
        Assert.Equal(3, reminder.Timer.Cycle!.Value.Repetitions);
        Assert.Equal(1, reminder.Timer.Cycle.Value.Interval.Days);
        var escalate = Assert.IsType<TimerBoundaryEvent>(task.BoundaryEvents[1]);
        Assert.True(escalate.CancelActivity);
        Assert.Equal(7, escalate.Timer.Duration!.Value.Days);
        Assert.Equal("Task_review", escalate.AttachedToId);
        Assert.Equal("End_escalated", Assert.Single(escalate.Outgoing).TargetId);
    }

    [Fact]
    public void Parse_ExclusiveGateway_MarksConditionsAndDefault()
    {
        var gateway = _process.GetFlowNode<ExclusiveGateway>("Gateway_decision");

        Assert.Equal("Flow_rejected", gateway.DefaultFlowId);
        Assert.Equal(["Flow_large", "Flow_small", "Flow_rejected"], gateway.Outgoing.Select(f => f.Id));
        Assert.Equal("reviewApproved and amount > 1000", gateway.Outgoing[0].Condition!.Source);
        Assert.Equal("reviewApproved and amount <= 1000", gateway.Outgoing[1].Condition!.Source);
        Assert.False(gateway.Outgoing[0].IsDefault);
        Assert.True(gateway.Outgoing[2].IsDefault);
        Assert.Null(gateway.Outgoing[2].Condition);
        Assert.Equal("Task_review", Assert.Single(gateway.Incoming).SourceId);
    }

    [Fact]
    public void Parse_MultiInstanceUserTask_ReadsLoopCharacteristics()
    {
        var task = _process.GetFlowNode<UserTask>("Task_second_approval");
        var loop = task.MultiInstance!;

        Assert.False(loop.IsSequential);
        Assert.Equal("approvers", loop.InputCollection.Source);
        Assert.Equal("approver", loop.InputElement);
        Assert.Equal("decisions", loop.OutputCollection);
        Assert.Equal("approved", loop.OutputElement!.Source);
        Assert.Equal("numberOfCompletedInstances >= 2", loop.CompletionCondition!.Source);
        var form = Assert.IsType<CustomFormReference>(task.Definition.Form);
        Assert.Equal("\"/forms/second/\" + expenseId", form.Reference.Expression!.Source);
        Assert.Equal(UserTaskDefinition.DefaultPriority, task.Definition.Priority.Value);
    }

    [Fact]
    public void Parse_ServiceTaskWithErrorBoundary_ReadsJobAndCaughtError()
    {
        var task = _process.GetFlowNode<JobWorkerTask>("Task_payout");

        Assert.Equal("serviceTask", task.ElementType);
        Assert.Equal("payout", task.Job.Type.Value);
        Assert.Equal(5, task.Job.Retries.Value);
        Assert.Equal("sepa", task.Headers["bank"]);
        Assert.Equal(["Flow_small", "Flow_to_payout"], task.Incoming.Select(f => f.Id));
        var boundary = Assert.IsType<ErrorBoundaryEvent>(Assert.Single(task.BoundaryEvents));
        Assert.Equal(new BpmnError("Error_payment", "Payment failed", "PAYMENT_FAILED"), boundary.Error);
        Assert.False(boundary.IsCatchAll);
        Assert.Equal("PAYMENT_FAILED", _process.Errors["Error_payment"].ErrorCode);
    }

    [Fact]
    public void Parse_JobWorkerUserTask_KeepsJobTypeAndEmbeddedForm()
    {
        var definition = _process.GetFlowNode<UserTask>("Task_fix_payment").Definition;

        Assert.False(definition.IsCamundaUserTask);
        Assert.Equal("io.camunda.zeebe:userTask", definition.JobType);
        var form = Assert.IsType<EmbeddedFormReference>(definition.Form);
        Assert.Equal("camunda-forms:bpmn:UserTaskForm_receipt", form.FormKey);
        Assert.Equal("UserTaskForm_receipt", form.Form.Id);
        Assert.Contains("\"receiptChecked\"", form.Form.Schema);
        Assert.Same(form.Form, _process.EmbeddedForms["UserTaskForm_receipt"]);
    }

    [Fact]
    public void Parse_ScriptAndEndEvents_ReadKinds()
    {
        var script = _process.GetFlowNode<ScriptTask>("Task_summary");

        Assert.Equal("\"Paid \" + string(amount)", script.Expression.Source);
        Assert.Equal("summary", script.ResultVariable);
        Assert.Equal(EndEventKind.Terminate, _process.GetFlowNode<EndEvent>("End_escalated").Kind);
        Assert.Equal(EndEventKind.None, _process.GetFlowNode<EndEvent>("End_paid").Kind);
        Assert.Equal(2, _process.GetFlowNode<EndEvent>("End_paid").Incoming.Count);
        Assert.Equal("sendTask", _process.GetFlowNode<JobWorkerTask>("Task_remind").ElementType);
    }

    [Fact]
    public void Parse_FlowNodes_CarryScopeAndLine()
    {
        var task = _process.GetFlowNode<UserTask>("Task_review");

        Assert.Equal("expense-approval", task.ScopeId);
        Assert.Equal(11, task.Line);
        Assert.All(_process.FlowNodes.Values, n => Assert.Same(n, _process.Scope.FlowNodes[n.Id]));
    }
}
