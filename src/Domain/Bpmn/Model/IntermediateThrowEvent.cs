namespace TaskFunctions.Domain.Bpmn;

/// <summary>A none intermediate throw event: a milestone the token passes straight through.</summary>
public sealed record IntermediateThrowEvent : FlowNode;
