namespace TaskFunctions.Domain.UserTasks;

/// <summary>How a valid (state, operation) pair of <see cref="UserTaskTransitions"/> behaves.</summary>
public enum UserTaskTransitionKind
{
    /// <summary>The command runs its rules and may move the task to the target state.</summary>
    Apply,

    /// <summary>A repeat of the command that ended the task (fail a failed task, cancel a canceled one): success, no change.</summary>
    IdempotentRepeat,

    /// <summary>A timer firing for an ended task: success, no change (a late timer is never an error).</summary>
    Ignored,
}
