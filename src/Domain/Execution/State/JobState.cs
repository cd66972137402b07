namespace TaskFunctions.Domain.Execution;

/// <summary>The life of a service-task job.</summary>
public enum JobState
{
    /// <summary>Waiting for a worker (possibly not before <see cref="Job.ActivatableAt"/>).</summary>
    Activatable,
    Completed,

    /// <summary>Failed without retries left; an incident is open.</summary>
    Failed,

    /// <summary>The worker threw a BPMN error.</summary>
    ErrorThrown,

    /// <summary>The element was terminated (boundary event, cancellation, terminate end event).</summary>
    Canceled,
}
