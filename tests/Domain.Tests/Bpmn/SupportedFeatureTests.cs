using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

public sealed class SupportedFeatureTests
{
    [Fact]
    public void Parse_DefaultNamespace_ReadsPassThroughElements()
    {
        var process = BpmnFixtures.ParseSingle("default-namespace.bpmn");

        Assert.Equal("hello", process.BpmnProcessId);
        Assert.Equal("task", process.GetFlowNode<PassThroughTask>("say-hello").ElementType);
        Assert.Equal("manualTask", process.GetFlowNode<PassThroughTask>("wave").ElementType);
        Assert.Equal("toFinish", Assert.Single(process.GetFlowNode<IntermediateThrowEvent>("milestone").Outgoing).Id);
        Assert.Equal("toFinish", Assert.Single(process.GetFlowNode<EndEvent>("end").Incoming).Id);
    }

    [Fact]
    public void Parse_JobWorkerTasks_ReadsTypeRetriesHeadersAndMappings()
    {
        var process = BpmnFixtures.ParseSingle("job-worker-tasks.bpmn");
        var charge = process.GetFlowNode<JobWorkerTask>("charge");

        Assert.Equal("\"charge-\" + provider", charge.Job.Type.Expression!.Source);
        Assert.Equal("maxRetries", charge.Job.Retries.Expression!.Source);
        Assert.Equal(new Dictionary<string, string> { ["endpoint"] = "https://pay.example.com", ["timeout"] = "PT30S" }, charge.Headers);
        Assert.Equal(["amount", "currency"], charge.IoMapping.Inputs.Select(i => i.Target));
        Assert.Equal("EUR", charge.IoMapping.Inputs[1].Source.Value);
        Assert.False(charge.IoMapping.Inputs[1].Source.IsExpression);
        Assert.Equal("paymentId", Assert.Single(charge.IoMapping.Outputs).Target);
        Assert.Equal(3, process.GetFlowNode<JobWorkerTask>("notify").Job.Retries.Value);
        Assert.Equal("sendTask", process.GetFlowNode<JobWorkerTask>("notify").ElementType);
        Assert.Equal(1, process.GetFlowNode<JobWorkerTask>("classify").Job.Retries.Value);
        Assert.Equal("script-worker", process.GetFlowNode<JobWorkerTask>("legacy-script").Job.Type.Value);
    }

    [Fact]
    public void Parse_Gateways_ReadsForkJoinAndInclusiveDefault()
    {
        var process = BpmnFixtures.ParseSingle("gateways.bpmn");

        Assert.Equal(2, process.GetFlowNode<ParallelGateway>("fork").Outgoing.Count);
        Assert.Equal(2, process.GetFlowNode<ParallelGateway>("join").Incoming.Count);
        var choose = process.GetFlowNode<InclusiveGateway>("choose");
        Assert.Equal("none-chosen", choose.DefaultFlowId);
        Assert.Equal("contains(channels, \"email\")", choose.Outgoing.Single(f => f.Id == "by-email").Condition!.Source);
        Assert.True(choose.Outgoing.Single(f => f.Id == "none-chosen").IsDefault);
        Assert.Equal(3, process.GetFlowNode<InclusiveGateway>("merge").Incoming.Count);
        Assert.Null(Assert.Single(process.GetFlowNode<ExclusiveGateway>("single-way").Outgoing).Condition);
    }

    [Fact]
    public void Parse_Timers_ReadsDurationsDatesAndCycles()
    {
        var process = BpmnFixtures.ParseSingle("timers.bpmn");

        var duration = process.GetFlowNode<IntermediateTimerCatchEvent>("wait-duration").Timer;
        Assert.Equal(TimerKind.Duration, duration.Kind);
        Assert.Equal(new IsoDuration(0, 0, 1, TimeSpan.FromHours(2)), duration.Duration!.Value);
        var date = process.GetFlowNode<IntermediateTimerCatchEvent>("wait-date");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), date.Timer.Date!.Value);
        Assert.Equal("waited", Assert.Single(date.IoMapping.Outputs).Target);
        Assert.Equal("reminderDelay", process.GetFlowNode<IntermediateTimerCatchEvent>("wait-expression").Timer.Duration!.Expression!.Source);

        var forever = process.GetFlowNode<TimerBoundaryEvent>("every-10-minutes");
        Assert.False(forever.CancelActivity);
        Assert.Null(forever.Timer.Cycle!.Value.Repetitions);
        Assert.Equal(TimeSpan.FromMinutes(10), forever.Timer.Cycle.Value.Interval.Time);
        var deadline = process.GetFlowNode<TimerBoundaryEvent>("deadline");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 18, 0, 0, TimeSpan.FromHours(1)), deadline.Timer.Date!.Value);
        var hourly = process.GetFlowNode<TimerBoundaryEvent>("hourly-three-times").Timer.Cycle!.Value;
        Assert.Equal(3, hourly.Repetitions);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), hourly.Start);
        Assert.Equal(3, process.GetFlowNode<UserTask>("work").BoundaryEvents.Count);
    }

    [Fact]
    public void Parse_ErrorEvents_ReadsThrownAndCaughtErrors()
    {
        var process = BpmnFixtures.ParseSingle("error-events.bpmn");

        var thrown = process.GetFlowNode<EndEvent>("out-of-stock");
        Assert.Equal(EndEventKind.Error, thrown.Kind);
        Assert.Equal("OUT_OF_STOCK", thrown.Error!.ErrorCode);
        Assert.Equal("checkout", thrown.ScopeId);
        var checkout = process.GetFlowNode<SubProcess>("checkout");
        var caught = Assert.IsType<ErrorBoundaryEvent>(checkout.BoundaryEvents[0]);
        Assert.Equal("Error_stock", caught.Error!.Id);
        Assert.Equal("outOfStock", Assert.Single(caught.IoMapping.Outputs).Target);
        Assert.True(Assert.IsType<ErrorBoundaryEvent>(checkout.BoundaryEvents[1]).IsCatchAll);
        Assert.Equal(EndEventKind.Terminate, process.GetFlowNode<EndEvent>("stop-everything").Kind);
    }

    [Fact]
    public void Parse_SubProcessWithMultiInstance_BuildsScopeTree()
    {
        var process = BpmnFixtures.ParseSingle("subprocess-multi-instance.bpmn");

        var reviewEach = process.GetFlowNode<SubProcess>("review-each");
        Assert.Equal("review-start", reviewEach.Scope.StartEvent.Id);
        Assert.Equal(["review-start", "read", "nested", "review-end"], reviewEach.Scope.FlowNodes.Values.OrderBy(n => n.Line).Select(n => n.Id));
        Assert.Equal(["r1", "r2", "r3"], reviewEach.Scope.SequenceFlows.Keys.Order());
        Assert.Equal("nested", Assert.Single(reviewEach.Scope.SubProcesses).Id);
        Assert.Equal("nested-start", process.GetScope("nested").StartEvent.Id);
        Assert.Equal("nested", process.GetFlowNode<EndEvent>("nested-end").ScopeId);
        Assert.Equal("title", Assert.Single(reviewEach.IoMapping.Inputs).Target);

        var loop = reviewEach.MultiInstance!;
        Assert.False(loop.IsSequential);
        Assert.Equal("documents", loop.InputCollection.Source);
        Assert.Equal("some v in verdicts satisfies v = \"reject\"", loop.CompletionCondition!.Source);
        var signOff = process.GetFlowNode<UserTask>("sign-off").MultiInstance!;
        Assert.True(signOff.IsSequential);
        Assert.Equal("signer", signOff.InputElement);
        Assert.Null(signOff.OutputCollection);
        Assert.Null(signOff.CompletionCondition);
    }

    [Fact]
    public void Parse_CollaborationWithTwoPools_ReturnsBothProcesses()
    {
        var result = BpmnFixtures.Parse("collaboration-two-pools.bpmn");

        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(["sales", "shipping"], result.Processes.Select(p => p.BpmnProcessId));
        Assert.Equal(["sales"], result.Processes[0].GetFlowNode<UserTask>("quote").Definition.CandidateGroups!.Value);
        Assert.Equal(["warehouse"], result.Processes[1].GetFlowNode<UserTask>("pack").Definition.CandidateGroups!.Value);
        Assert.DoesNotContain("pack", result.Processes[0].FlowNodes.Keys);
    }

    [Fact]
    public void Parse_Camunda7Attributes_ReadAsUserTaskProperties()
    {
        var process = BpmnFixtures.ParseSingle("camunda7-attributes.bpmn");
        Assert.Equal("1.2", process.VersionTag);

        var approve = process.GetFlowNode<UserTask>("approve").Definition;
        Assert.Equal("alice", approve.Assignee!.Value);
        Assert.Equal(["bob", "carol"], approve.CandidateUsers!.Value);
        Assert.Equal(["managers"], approve.CandidateGroups!.Value);
        Assert.Equal("embedded:app:forms/approve.html", Assert.IsType<CustomFormReference>(approve.Form).Reference.Value);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero), approve.DueDate!.Value);
        Assert.Equal(["approved", "comment"], approve.ExpectedOutputs);

        var archive = process.GetFlowNode<UserTask>("archive").Definition;
        Assert.Equal("archiveGroups", archive.CandidateGroups!.Expression!.Source);
        Assert.Equal("urgency * 10", archive.Priority.Expression!.Source);
        Assert.Equal(["archiveId", "location"], archive.ExpectedOutputs);
        Assert.Equal(["receipt"], process.GetFlowNode<UserTask>("legacy-outputs").Definition.ExpectedOutputs);
    }

    [Fact]
    public void Parse_DocumentedFleansNamespaceUnderAnotherPrefix_ReadsExpectedOutputs()
    {
        var process = BpmnFixtures.ParseSingle("fleans-documented-namespace.bpmn");

        Assert.Equal(["confirmed"], process.GetFlowNode<UserTask>("confirm").Definition.ExpectedOutputs);
    }

    [Fact]
    public void Parse_FormDefinitions_ReadEveryReferenceKind()
    {
        var process = BpmnFixtures.ParseSingle("forms.bpmn");

        Assert.Equal(new LinkedFormReference("invoice", FormBindingType.Latest, null), process.GetFlowNode<UserTask>("latest").Definition.Form);
        Assert.Equal(new LinkedFormReference("invoice", FormBindingType.Deployment, null), process.GetFlowNode<UserTask>("deployment").Definition.Form);
        Assert.Equal("https://forms.example.com/invoice", Assert.IsType<CustomFormReference>(process.GetFlowNode<UserTask>("external").Definition.Form).Reference.Value);
        var custom = process.GetFlowNode<UserTask>("custom-key").Definition;
        Assert.False(custom.IsCamundaUserTask);
        Assert.Equal("my-app:invoice", Assert.IsType<CustomFormReference>(custom.Form).Reference.Value);
    }

    [Fact]
    public void Parse_DocumentationAndMetadata_AcceptedAndPropertiesKept()
    {
        var process = BpmnFixtures.ParseSingle("documentation-and-metadata.bpmn");

        Assert.Equal("team-a", process.Properties["owner"]);
        var lookup = process.GetFlowNode<JobWorkerTask>("lookup");
        Assert.Equal("team-b", lookup.Properties["owner"]);
        Assert.Equal("low", lookup.Properties["cost"]);
        Assert.Equal("top", process.SequenceFlows["f1"].Properties["label-position"]);
        Assert.Equal(["end", "lookup", "start"], process.FlowNodes.Keys.Order());
    }

    [Fact]
    public void Parse_NonExecutableProcess_IsSkippedNotValidated()
    {
        var result = BpmnFixtures.Parse("non-executable-skipped.bpmn");

        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal("runnable", Assert.Single(result.Processes).BpmnProcessId);
        Assert.Equal(["sketch"], result.SkippedProcessIds);
    }
}
