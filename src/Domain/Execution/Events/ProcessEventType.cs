namespace TaskFunctions.Domain.Execution;

/// <summary>What a history event records.</summary>
public enum ProcessEventType
{
    ProcessInstanceStarted,
    ProcessInstanceCompleted,
    ProcessInstanceCanceled,
    ElementActivated,
    ElementCompleted,
    ElementTerminated,
    VariableSet,
    UserTaskEvent,
    JobCreated,
    JobCompleted,
    JobFailed,
    JobRetriesUpdated,
    JobErrorThrown,
    JobCanceled,
    TimerScheduled,
    TimerFired,
    TimerCanceled,
    ErrorThrown,
    ErrorCaught,
    IncidentRaised,
    IncidentResolved,
}
