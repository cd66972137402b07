namespace TaskFunctions.Domain.Bpmn;

/// <summary>A BPMN error declared at the top of the file (<c>bpmn:error</c>), matched by its code.</summary>
public sealed record BpmnError(string Id, string? Name, string? ErrorCode);
