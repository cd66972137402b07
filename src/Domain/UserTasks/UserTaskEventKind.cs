namespace TaskFunctions.Domain.UserTasks;

/// <summary>What happened to a user task, as recorded in the instance history.</summary>
public enum UserTaskEventKind
{
    Created,
    Assigned,
    Unassigned,
    Updated,
    Completed,
    Failed,
    Canceled,

    /// <summary>The due date passed while the task was open: the task is overdue.</summary>
    Escalated,

    /// <summary>The follow-up date passed while the task was open.</summary>
    FollowUpDue,
}
