namespace TaskFunctions.Domain.Bpmn;

/// <summary>A none start event: where a process or sub-process scope begins.</summary>
public sealed record StartEvent : FlowNode
{
    /// <summary>Output mappings applied to the new scope when the start event completes (Zeebe allows no inputs here).</summary>
    public IoMapping IoMapping { get; init; } = IoMapping.Empty;
}
