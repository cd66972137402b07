namespace TaskFunctions.Domain.Bpmn;

/// <summary>A boundary event that triggers when its timer is due (a cycle may trigger it repeatedly when non-interrupting).</summary>
public sealed record TimerBoundaryEvent : BoundaryEvent
{
    public required TimerDefinition Timer { get; init; }
}
