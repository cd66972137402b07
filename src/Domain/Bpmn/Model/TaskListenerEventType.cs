namespace TaskFunctions.Domain.Bpmn;

/// <summary>The user-task lifecycle transition a task listener runs on.</summary>
public enum TaskListenerEventType
{
    Creating,
    Assigning,
    Updating,
    Completing,
    Canceling,
}
