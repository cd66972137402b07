namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The lifecycle state of a user task, with Camunda's names (<c>CREATED</c>, <c>COMPLETED</c>, <c>CANCELED</c>,
/// <c>FAILED</c>). Whether the task is assigned is an attribute, not a state.
/// </summary>
public enum UserTaskState
{
    /// <summary>Open: waiting for someone to work on it.</summary>
    Created,

    /// <summary>Ended by completion; the process continues.</summary>
    Completed,

    /// <summary>Ended without an outcome: the branch stops, no error path is taken.</summary>
    Canceled,

    /// <summary>Ended by a failure, raised as a BPMN error (error boundary or incident).</summary>
    Failed,
}
