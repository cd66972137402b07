namespace TaskFunctions.Domain.Bpmn;

/// <summary>A task or sub-process: something that takes time and may carry boundary events and multi-instance.</summary>
public abstract record Activity : FlowNode
{
    public IoMapping IoMapping { get; init; } = IoMapping.Empty;

    /// <summary>The events attached to this activity, in document order.</summary>
    public IReadOnlyList<BoundaryEvent> BoundaryEvents { get; init; } = [];

    /// <summary>Set when the activity runs once per element of a collection.</summary>
    public MultiInstanceCharacteristics? MultiInstance { get; init; }
}
