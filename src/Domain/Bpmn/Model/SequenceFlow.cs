namespace TaskFunctions.Domain.Bpmn;

/// <summary>A sequence flow between two flow nodes of the same scope.</summary>
/// <param name="Id">The flow id.</param>
/// <param name="Name">The label, if any.</param>
/// <param name="SourceId">The id of the node the flow leaves.</param>
/// <param name="TargetId">The id of the node the flow enters.</param>
/// <param name="Condition">The FEEL condition (only on flows leaving exclusive or inclusive gateways).</param>
/// <param name="IsDefault">True when the source gateway names this flow as its default.</param>
public sealed record SequenceFlow(
    string Id,
    string? Name,
    string SourceId,
    string TargetId,
    BpmnExpression? Condition,
    bool IsDefault)
{
    /// <summary>Metadata from <c>zeebe:properties</c>; no behaviour.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = FlowNode.EmptyProperties;
}
