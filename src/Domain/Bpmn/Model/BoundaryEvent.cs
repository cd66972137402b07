namespace TaskFunctions.Domain.Bpmn;

/// <summary>An event attached to an activity; when it triggers, a token leaves through its outgoing flows.</summary>
public abstract record BoundaryEvent : FlowNode
{
    /// <summary>The id of the activity this event is attached to (in the same scope).</summary>
    public required string AttachedToId { get; init; }

    /// <summary>True (the default) when triggering the event terminates the activity.</summary>
    public bool CancelActivity { get; init; } = true;

    /// <summary>Output mappings applied when the event triggers.</summary>
    public IoMapping IoMapping { get; init; } = IoMapping.Empty;
}
