using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

/// <summary>
/// Constructs found in real Camunda Modeler, Web Modeler and Camunda 7 exports, each reproduced in a small
/// self-written fixture under <c>Bpmn/Fixtures/RealWorld</c> (or <c>Rejected</c>), so that what real files contain
/// keeps deploying, or keeps being rejected with every reason listed.
/// </summary>
public sealed class RealWorldConstructsTests
{
    [Fact]
    public void Parse_StartEventWithOutputMappings_KeepsTheOutputs()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/start-event-output-mapping.bpmn");

        var start = process.GetFlowNode<StartEvent>("received");
        Assert.Equal(["customer", "firstRound"], start.IoMapping.Outputs.Select(o => o.Target));
        Assert.Equal("request.customer", start.IoMapping.Outputs[0].Source.Expression!.Source.Trim());
        Assert.Empty(start.IoMapping.Inputs);
        Assert.Same(start, process.Scope.StartEvent);
    }

    [Fact]
    public void Parse_StartEventWithInputMapping_RejectsTheInput()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/input-mapping-on-start-event.bpmn"));

        Assert.Equal(("received", "startEvent", 8), (problem.ElementId, problem.ElementType, problem.Line));
        Assert.Contains("Input mappings are not supported on startEvent; only zeebe:output is", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StartForm_IsRejectedAsAStartForm()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/start-form.bpmn"));

        Assert.Equal(("received", "startEvent", 6), (problem.ElementId, problem.ElementType, problem.Line));
        Assert.StartsWith("Start forms (zeebe:formDefinition on a start event) are not supported; allowed here:", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextStartingWithByteOrderMark_IsAccepted()
    {
        // A file saved with a BOM (as Windows editors do) and decoded with Encoding.UTF8.GetString keeps U+FEFF.
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(File.ReadAllBytes(BpmnFixtures.PathOf("RealWorld/semantic-prefix.bpmn"))).ToArray();

        var result = BpmnParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));

        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Problems));
    }

    [Fact]
    public void Parse_ConnectorTemplateTask_IsAJobWorkerWithStaticInputsAndEmptyHeaders()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/connector-template-task.bpmn");

        var task = process.GetFlowNode<JobWorkerTask>("call-api");
        Assert.Equal("io.camunda:http-json:1", task.Job.Type.Value);
        Assert.Equal(3, task.Job.Retries.Value);
        var inputs = task.IoMapping.Inputs.ToDictionary(i => i.Target, i => i.Source);
        Assert.Equal("POST", inputs["method"].Value);
        Assert.Equal("{\"channel\":\"mail\"}", inputs["body"].Value);
        Assert.Equal("20", inputs["connectionTimeoutInSeconds"].Value);
        Assert.True(inputs["url"].IsExpression);
        Assert.True(inputs["headers"].IsExpression);
        Assert.Equal("", task.Headers["resultVariable"]);
        Assert.Equal("PT0S", task.Headers["retryBackoff"]);
        Assert.Equal("notify", task.Properties["inbound.context"]);
    }

    [Fact]
    public void Parse_Camunda7FileWithBpmn2Prefix_ReadsTheUserTask()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/camunda7-bpmn2-prefix.bpmn");

        Assert.Equal("v3", process.VersionTag);
        var definition = process.GetFlowNode<UserTask>("UserTask_1").Definition;
        Assert.False(definition.IsCamundaUserTask);
        Assert.Equal("demo", definition.Assignee!.Value);
        Assert.Equal(["management", "hr"], definition.CandidateGroups!.Value);
        Assert.Equal(new CustomFormReference(ExpressionOrValue<string>.Static("embedded:app:forms/approve.html", "embedded:app:forms/approve.html")), definition.Form);
    }

    [Fact]
    public void Parse_SemanticPrefixFromAnotherTool_ReadsTheProcess()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/semantic-prefix.bpmn");

        Assert.Equal("order-pizza", process.BpmnProcessId);
        Assert.Equal("flow-1", Assert.Single(process.GetFlowNode<UserTask>("bake").Incoming).Id);
        Assert.Equal(3, process.FlowNodes.Count);
    }

    [Fact]
    public void Parse_UserTaskWrittenWithFeel_ParsesEveryExpression()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/user-task-feel.bpmn");

        Assert.Equal("2025.1", process.VersionTag);
        Assert.Equal("claims-team", process.Properties["owner"]);
        var task = process.GetFlowNode<UserTask>("review");
        var definition = task.Definition;
        Assert.True(definition.IsCamundaUserTask);
        Assert.Equal("claim.handler", definition.Assignee!.Expression!.Source);
        Assert.Equal(["claims", "team-leads"], definition.CandidateGroups!.Value);
        Assert.True(definition.CandidateUsers!.IsExpression);
        Assert.Equal("now() + duration(\"P1D\")", definition.DueDate!.Expression!.Source);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), definition.FollowUpDate!.Value);
        Assert.True(definition.Priority.IsExpression);
        Assert.Equal(new LinkedFormReference("claim-review-form", FormBindingType.Deployment, null), definition.Form);
        var listener = Assert.Single(definition.Listeners);
        Assert.Equal((TaskListenerEventType.Assigning, "notify-assignee", 5), (listener.EventType, listener.Type.Value, listener.Retries.Value));
        Assert.Equal(["title", "summary"], task.IoMapping.Inputs.Select(i => i.Target));
        Assert.Contains("\n", Assert.Single(task.IoMapping.Outputs).Source.Expression!.Source, StringComparison.Ordinal);
        Assert.Equal("web", task.Headers["channel"]);
    }

    [Fact]
    public void Parse_TimersWithFeelAndNestedLanes_ReadsTheTimers()
    {
        var process = BpmnFixtures.ParseSingle("RealWorld/timers-and-lanes.bpmn");

        var snooze = process.GetFlowNode<IntermediateTimerCatchEvent>("wait").Timer;
        Assert.Equal(TimerKind.Duration, snooze.Kind);
        Assert.True(snooze.Duration!.IsExpression);
        var remind = process.GetFlowNode<TimerBoundaryEvent>("remind");
        Assert.False(remind.CancelActivity);
        Assert.Equal(3, remind.Timer.Cycle!.Value.Repetitions);
        Assert.Equal("schoolStartsAt", process.GetFlowNode<TimerBoundaryEvent>("late").Timer.Date!.Expression!.Source);
        Assert.Equal(EndEventKind.Terminate, process.GetFlowNode<EndEvent>("Event_late").Kind);
        Assert.Equal(2, process.GetFlowNode<UserTask>("get-up").BoundaryEvents.Count);
    }

    [Fact]
    public void Parse_BoundaryEventOnCallActivity_ReportsOnlyTheCallActivity()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/boundary-on-call-activity.bpmn"));

        Assert.Equal(("bill", "callActivity", 8), (problem.ElementId, problem.ElementType, problem.Line));
        Assert.Contains("callActivity is not supported", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RealWorldMixOfUnsupportedFeatures_ReportsEachWithItsLine()
    {
        (string Id, int Line, string Reason)[] expected =
        [
            ("risk", 8, "needs a job type"),
            ("risk", 10, "zeebe:calledDecision (DMN decisions) is not supported"),
            ("check", 19, "zeebe:executionListeners is not supported"),
            ("documents-arrived", 29, "messageEventDefinition is not supported on boundaryEvent"),
            ("file-documents", 33, "The element callActivity is not supported"),
            ("welcome", 41, "The extension element zeebe:taskDefinition is not supported on userTask"),
        ];

        var problems = BpmnFixtures.Problems("Rejected/real-world-unsupported-mix.bpmn");

        Assert.Equal(expected.Select(e => (e.Id, e.Line)), problems.Select(p => (p.ElementId!, p.Line)));
        Assert.All(expected.Zip(problems), pair => Assert.Contains(pair.First.Reason, pair.Second.Reason, StringComparison.Ordinal));
    }
}
