namespace TaskFunctions.Domain.Bpmn;

/// <summary>A boundary event that catches a BPMN error thrown inside the activity (always interrupting).</summary>
public sealed record ErrorBoundaryEvent : BoundaryEvent
{
    /// <summary>The error caught; null catches every error.</summary>
    public BpmnError? Error { get; init; }

    public bool IsCatchAll => Error is null;
}
