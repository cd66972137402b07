namespace TaskFunctions.Domain.Bpmn;

/// <summary>Forks a token onto every outgoing flow; joins by waiting for a token on every incoming flow.</summary>
public sealed record ParallelGateway : FlowNode;
