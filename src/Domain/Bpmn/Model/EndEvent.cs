namespace TaskFunctions.Domain.Bpmn;

/// <summary>A none, error or terminate end event.</summary>
public sealed record EndEvent : FlowNode
{
    public EndEventKind Kind { get; init; }

    /// <summary>The error thrown by an error end event.</summary>
    public BpmnError? Error { get; init; }
}
