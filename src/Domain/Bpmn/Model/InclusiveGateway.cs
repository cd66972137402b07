namespace TaskFunctions.Domain.Bpmn;

/// <summary>Takes every outgoing flow whose condition is true (else the default flow); joins the tokens that can still arrive.</summary>
public sealed record InclusiveGateway : FlowNode
{
    public string? DefaultFlowId { get; init; }
}
