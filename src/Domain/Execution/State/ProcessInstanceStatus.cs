namespace TaskFunctions.Domain.Execution;

/// <summary>Where a process instance is in its life. An instance with an open incident stays <see cref="Active"/>.</summary>
public enum ProcessInstanceStatus
{
    Active,
    Completed,
    Canceled,
}
