namespace TaskFunctions.Domain.Bpmn;

/// <summary>Takes the first outgoing flow whose condition is true, else the default flow.</summary>
public sealed record ExclusiveGateway : FlowNode
{
    public string? DefaultFlowId { get; init; }
}
