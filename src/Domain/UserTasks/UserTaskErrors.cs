namespace TaskFunctions.Domain.UserTasks;

/// <summary>The errors of the user-task lifecycle, with their codes and messages in one place.</summary>
public static class UserTaskErrors
{
    /// <summary>No task with this key exists (for the runtime, which looks tasks up).</summary>
    public static DomainError NotFound(long userTaskKey, UserTaskOperation operation) =>
        new(DomainErrorKind.NotFound, "USER_TASK_NOT_FOUND",
            $"Expected to {Verb(operation)} user task with key '{userTaskKey}', but no such user task was found.")
        { EntityKey = userTaskKey };

    public static DomainError InvalidState(UserTask task, UserTaskOperation operation) =>
        new(DomainErrorKind.InvalidState, "USER_TASK_INVALID_STATE",
            $"User task {task.UserTaskKey} is {StateName(task.State)}; it can no longer be {PastParticiple(operation)}.")
        { EntityKey = task.UserTaskKey };

    internal static DomainError Validation(UserTask task, string code, string message, params string[] fields) =>
        new(DomainErrorKind.Validation, code, message) { EntityKey = task.UserTaskKey, Fields = fields };

    internal static DomainError Conflict(UserTask task, string code, string message) =>
        new(DomainErrorKind.Conflict, code, message) { EntityKey = task.UserTaskKey };

    internal static DomainError Forbidden(UserTask task, string code, string message) =>
        new(DomainErrorKind.Forbidden, code, message) { EntityKey = task.UserTaskKey };

    internal static DomainError NotEligible(UserTask task, string userId) =>
        new(DomainErrorKind.NotEligible, "USER_TASK_NOT_ELIGIBLE",
            $"User '{userId}' is not eligible for user task {task.UserTaskKey}; it may be worked on by {UserTaskEligibility.DescribeCandidates(task)}.")
        { EntityKey = task.UserTaskKey, Fields = [userId] };

    /// <summary>Camunda's state names: <c>CREATED</c>, <c>COMPLETED</c>, <c>CANCELED</c>, <c>FAILED</c>.</summary>
    public static string StateName(UserTaskState state) => state.ToString().ToUpperInvariant();

    private static string Verb(UserTaskOperation operation) => operation switch
    {
        UserTaskOperation.Assign => "assign",
        UserTaskOperation.Claim => "claim",
        UserTaskOperation.Unassign => "unassign",
        UserTaskOperation.Unclaim => "unclaim",
        UserTaskOperation.Update => "update",
        UserTaskOperation.Complete => "complete",
        UserTaskOperation.Fail => "fail",
        UserTaskOperation.Cancel => "cancel",
        UserTaskOperation.MarkOverdue => "mark overdue",
        _ => "mark follow-up due",
    };

    private static string PastParticiple(UserTaskOperation operation) => operation switch
    {
        UserTaskOperation.Assign => "assigned",
        UserTaskOperation.Claim => "claimed",
        UserTaskOperation.Unassign => "unassigned",
        UserTaskOperation.Unclaim => "unclaimed",
        UserTaskOperation.Update => "updated",
        UserTaskOperation.Complete => "completed",
        UserTaskOperation.Fail => "failed",
        UserTaskOperation.Cancel => "canceled",
        UserTaskOperation.MarkOverdue => "marked overdue",
        _ => "marked follow-up due",
    };
}
