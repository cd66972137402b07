namespace TaskFunctions.Domain.Bpmn;

/// <summary>An embedded sub-process: a child scope that starts at its none start event.</summary>
public sealed record SubProcess : Activity
{
    public required FlowScope Scope { get; init; }
}
