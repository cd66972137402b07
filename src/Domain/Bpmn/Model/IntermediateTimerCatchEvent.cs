namespace TaskFunctions.Domain.Bpmn;

/// <summary>An intermediate timer catch event: the token waits until the timer is due.</summary>
public sealed record IntermediateTimerCatchEvent : FlowNode
{
    public required TimerDefinition Timer { get; init; }

    /// <summary>Output mappings applied when the timer fires.</summary>
    public IoMapping IoMapping { get; init; } = IoMapping.Empty;
}
