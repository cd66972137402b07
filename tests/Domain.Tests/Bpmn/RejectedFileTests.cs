using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

/// <summary>One fixture per rejection reason: each must name the element, its type, the line and what is wrong.</summary>
public sealed class RejectedFileTests
{
    [Theory]
    // Unsupported BPMN elements and event definitions.
    [InlineData("unsupported-receive-task", "wait-for-payment", "receiveTask", 5, "receiveTask is not supported; supported elements are")]
    [InlineData("unsupported-call-activity", "call-billing", "callActivity", 5, "callActivity is not supported")]
    [InlineData("unsupported-event-based-gateway", "race", "eventBasedGateway", 5, "eventBasedGateway is not supported")]
    [InlineData("unsupported-complex-gateway", "complex", "complexGateway", 5, "complexGateway is not supported")]
    [InlineData("unsupported-adhoc-subprocess", "checklist", "adHocSubProcess", 5, "adHocSubProcess is not supported")]
    [InlineData("unsupported-transaction", "booking", "transaction", 5, "transaction is not supported")]
    [InlineData("unsupported-event-subprocess", "on-error", "subProcess", 7, "Event sub-processes")]
    [InlineData("unsupported-message-catch-event", "wait-message", "intermediateCatchEvent", 6, "messageEventDefinition is not supported on intermediateCatchEvent; supported: timerEventDefinition")]
    [InlineData("unsupported-conditional-catch-event", "until-ready", "intermediateCatchEvent", 6, "conditionalEventDefinition is not supported")]
    [InlineData("unsupported-signal-end-event", "broadcast", "endEvent", 6, "signalEventDefinition is not supported on endEvent; supported: errorEventDefinition, terminateEventDefinition")]
    [InlineData("unsupported-escalation-boundary", "escalated", "boundaryEvent", 7, "escalationEventDefinition is not supported")]
    [InlineData("unsupported-compensation-boundary", "undo", "boundaryEvent", 7, "compensateEventDefinition is not supported")]
    [InlineData("unsupported-link-throw-event", "jump", "intermediateThrowEvent", 6, "linkEventDefinition is not supported")]
    [InlineData("unsupported-timer-start-event", "nightly", "startEvent", 5, "timerEventDefinition is not supported on startEvent; supported: none")]
    [InlineData("unsupported-standard-loop", "retry", "task", 6, "Standard loops")]
    [InlineData("unsupported-message-flow", "order-message", "messageFlow", 6, "Message flows between pools are not supported")]
    // Unsupported extensions.
    [InlineData("unsupported-unknown-zeebe-element", "charge", "serviceTask", 8, "zeebe:adHoc is not supported on serviceTask; allowed here: zeebe:taskDefinition")]
    [InlineData("unsupported-execution-listeners", "audited", "task", 7, "zeebe:executionListeners is not supported")]
    [InlineData("unsupported-camunda-async-before", "charge", "serviceTask", 5, "camunda:asyncBefore is not supported")]
    [InlineData("unsupported-camunda-extension-element", "review", "userTask", 8, "camunda:inputOutput is not supported")]
    [InlineData("unknown-zeebe-attribute", "review", "userTask", 8, "candidateRoles is not supported on zeebe:assignmentDefinition")]
    [InlineData("camunda7-expression", "review", "userTask", 8, "Camunda 7 (JUEL) expression")]
    // Structure.
    [InlineData("no-process", "Definitions_r", "definitions", 2, "contains no process")]
    [InlineData("not-executable", "Definitions_r", "definitions", 2, "no executable process")]
    [InlineData("missing-id", null, "task", 5, "has no id")]
    [InlineData("duplicate-id", "work", "task", 6, "already used by task on line 5")]
    [InlineData("flow-unknown-target", "to-nowhere", "sequenceFlow", 5, "targetRef 'ghost' does not name a flow node")]
    [InlineData("flow-crosses-scope", "jump-in", "sequenceFlow", 11, "cannot cross a sub-process")]
    [InlineData("unreachable-element", "orphan", "task", 6, "cannot be reached from the start event")]
    [InlineData("no-start-event", "no-start", "process", 3, "has no none start event")]
    [InlineData("two-start-events", "second-start", "startEvent", 5, "more than one none start event")]
    [InlineData("subprocess-without-start", "empty-sub", "subProcess", 5, "has no none start event")]
    [InlineData("end-event-with-outgoing", "too-early", "endEvent", 5, "cannot have outgoing sequence flows")]
    [InlineData("gateway-flow-without-condition", "to-no", "sequenceFlow", 12, "needs a condition or must be the gateway's default")]
    [InlineData("default-flow-not-outgoing", "decide", "exclusiveGateway", 5, "default flow 'f1' is not an outgoing sequence flow")]
    [InlineData("condition-not-on-gateway", "conditional", "sequenceFlow", 9, "only supported on flows leaving an exclusive or inclusive gateway")]
    [InlineData("condition-static", "static", "sequenceFlow", 9, "must be a FEEL expression starting with '='")]
    [InlineData("boundary-unknown-activity", "timeout", "boundaryEvent", 6, "attachedToRef 'missing-task' does not name an activity")]
    [InlineData("boundary-without-outgoing", "dead-end", "boundaryEvent", 6, "needs at least one outgoing sequence flow")]
    [InlineData("boundary-on-gateway", "misplaced", "boundaryEvent", 6, "can only be attached to an activity, not to parallelGateway 'split'")]
    [InlineData("error-boundary-duplicate-code", "declined-again", "boundaryEvent", 13, "already has an error boundary event for error code 'DECLINED'")]
    [InlineData("error-boundary-non-interrupting", "declined", "boundaryEvent", 10, "always interrupting")]
    [InlineData("start-event-with-incoming", "start", "startEvent", 4, "cannot have incoming sequence flows")]
    [InlineData("parallel-gateway-default", "split", "parallelGateway", 5, "cannot have a default flow")]
    [InlineData("condition-language-unsupported", "scripted", "sequenceFlow", 9, "Condition language 'javascript' is not supported")]
    [InlineData("camunda-attribute-on-process", "p", "process", 3, "camunda:candidateStarterGroups is not supported on process")]
    [InlineData("unknown-fleans-element", "review", "userTask", 8, "fleans:assignmentPolicy is not supported on userTask")]
    [InlineData("io-mapping-on-end-event", "end", "endEvent", 7, "zeebe:ioMapping is not supported on endEvent")]
    [InlineData("input-mapping-on-boundary", "declined", "boundaryEvent", 13, "Input mappings are not supported on boundaryEvent")]
    // Values.
    [InlineData("feel-syntax-error", "broken", "sequenceFlow", 9, "not a valid FEEL expression: expected ')' but found end of expression (at position 14, line 1, column 15")]
    [InlineData("feel-syntax-error-in-assignee", "review", "userTask", 8, "The assignee is not a valid FEEL expression")]
    [InlineData("timer-bad-duration", "timer", "boundaryEvent", 8, "timeDuration must be an ISO 8601 duration")]
    [InlineData("timer-bad-cycle", "timer", "boundaryEvent", 8, "timeCycle must be an ISO 8601 repeating interval")]
    [InlineData("timer-cycle-on-catch-event", "tick", "intermediateCatchEvent", 7, "timeCycle is not supported here; use timeDuration or timeDate")]
    [InlineData("timer-date-without-offset", "timer", "boundaryEvent", 8, "'2026-03-01T09:00:00' has no offset or zone")]
    [InlineData("priority-not-integer", "review", "userTask", 8, "priority must be an integer between 0 and 100")]
    [InlineData("priority-out-of-range", "review", "userTask", 8, "priority must be between 0 and 100, got 150")]
    [InlineData("due-date-without-offset", "review", "userTask", 8, "dueDate '2026-12-24T17:00:00' has no offset or zone")]
    [InlineData("follow-up-date-invalid", "review", "userTask", 8, "followUpDate must be an ISO 8601 date-time")]
    [InlineData("assignee-set-twice", "review", "userTask", 5, "assignee is set twice")]
    [InlineData("embedded-form-unknown", "review", "userTask", 8, "no zeebe:userTaskForm with that id")]
    [InlineData("form-binding-invalid", "review", "userTask", 8, "bindingType must be latest, deployment or versionTag")]
    [InlineData("form-definition-ambiguous", "review", "userTask", 8, "needs exactly one of formId, externalReference or formKey; found 2")]
    [InlineData("form-version-tag-missing", "review", "userTask", 8, "bindingType=\"versionTag\" needs a versionTag")]
    [InlineData("task-listener-without-type", "review", "userTask", 9, "task listener needs a job type")]
    [InlineData("header-duplicate", "review", "userTask", 10, "zeebe:header 'channel' is defined more than once")]
    [InlineData("task-listener-invalid", "review", "userTask", 9, "eventType must be creating, assigning, updating, completing or canceling")]
    [InlineData("service-task-without-type", "charge", "serviceTask", 5, "needs a job type")]
    [InlineData("script-task-without-expression", "compute", "scriptTask", 7, "has no expression")]
    [InlineData("script-task-without-result-variable", "compute", "scriptTask", 7, "result variable is missing")]
    [InlineData("multi-instance-without-input-collection", "approve-each", "userTask", 11, "needs an inputCollection")]
    [InlineData("error-end-without-error-code", "fail", "endEvent", 6, "has no errorCode")]
    [InlineData("error-ref-unknown", "fail", "endEvent", 6, "errorRef 'Error_missing' does not name a bpmn:error")]
    public void Parse_RejectedFile_ReportsExactlyTheProblem(string file, string? elementId, string elementType, int line, string reason)
    {
        var problems = BpmnFixtures.Problems($"Rejected/{file}.bpmn");

        var problem = Assert.Single(problems);
        Assert.Equal(elementId, problem.ElementId);
        Assert.Equal(elementType, problem.ElementType);
        Assert.Equal(line, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InlineScript_ReportsScriptAndMissingZeebeScript()
    {
        var problems = BpmnFixtures.Problems("Rejected/unsupported-inline-script.bpmn");

        Assert.Equal(
            [("groovy", 5, false), ("groovy", 6, true)],
            problems.Select(p => (p.ElementId, p.Line, p.Reason.Contains("Inline scripts (bpmn:script) are not supported", StringComparison.Ordinal))));
        Assert.Contains("needs zeebe:script", problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BusinessRuleTaskWithDecision_ReportsDecisionAndMissingJobType()
    {
        var problems = BpmnFixtures.Problems("Rejected/business-rule-task-dmn.bpmn");

        Assert.Equal([5, 7], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal(("decide-discount", "businessRuleTask"), (p.ElementId, p.ElementType)));
        Assert.Contains("needs a job type", problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("zeebe:calledDecision (DMN decisions) is not supported", problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var xml = BpmnFixtures.Read("Rejected/priority-out-of-range.bpmn")
            .Replace("<zeebe:userTask />", "<zeebe:userTask />\n<zeebe:taskSchedule dueDate=\"tomorrow\" />", StringComparison.Ordinal)
            .Replace("<bpmn:startEvent id=\"start\" />", "<bpmn:startEvent id=\"start\" /><bpmn:receiveTask id=\"wait\" />", StringComparison.Ordinal);

        var result = BpmnParser.Parse(xml);

        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p is { ElementId: "wait", ElementType: "receiveTask" });
        Assert.Contains(result.Problems, p => p.ElementId == "review" && p.Reason.Contains("priority", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.ElementId == "review" && p.Reason.Contains("dueDate", StringComparison.Ordinal));
    }
}
