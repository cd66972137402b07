namespace TaskFunctions.Domain.Bpmn;

/// <summary>A none start event: where a process or sub-process scope begins.</summary>
public sealed record StartEvent : FlowNode;
