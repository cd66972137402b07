namespace TaskFunctions.Domain.UserTasks;

/// <summary>The operation a <see cref="UserTaskCommand"/> performs, as the key of the <see cref="UserTaskTransitions"/> table.</summary>
public enum UserTaskOperation
{
    Assign,
    Claim,
    Unassign,
    Unclaim,
    Update,
    Complete,
    Fail,
    Cancel,
    MarkOverdue,
    MarkFollowUpDue,
}
