using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

/// <summary>
/// Constructs found in real Camunda Modeler exports, each reproduced in a small self-written fixture under
/// <c>Bpmn/Fixtures/RealWorld</c>, so that what real files contain keeps deploying (or keeps being rejected clearly).
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
    public void Parse_BoundaryEventOnCallActivity_ReportsOnlyTheCallActivity()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/boundary-on-call-activity.bpmn"));

        Assert.Equal(("bill", "callActivity", 8), (problem.ElementId, problem.ElementType, problem.Line));
        Assert.Contains("callActivity is not supported", problem.Reason, StringComparison.Ordinal);
    }
}
