using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The whole filter evaluated on a task: the last check on every row a query returns, so partitions and server-side
/// filters only narrow what is read and never decide alone.
/// </summary>
internal static class UserTaskFilterMatch
{
    public static bool Matches(UserTaskFilter filter, UserTask task) =>
        task.TenantId == filter.TenantId
        && (filter.State is not { } state || task.State == state)
        && (filter.Assignee is null || task.Assignee == filter.Assignee)
        && (filter.Assigned is not { } assigned || (task.Assignee is not null) == assigned)
        && (filter.CandidateUser is null || task.CandidateUsers.Contains(filter.CandidateUser, StringComparer.Ordinal))
        && (filter.CandidateGroup is null || task.CandidateGroups.Contains(filter.CandidateGroup, StringComparer.Ordinal))
        && (filter.ClaimableBy is not { } user || IsClaimableBy(task, user))
        && (filter.ProcessDefinitionKey is not { } definition || task.ProcessDefinitionKey == definition)
        && (filter.BpmnProcessId is null || task.BpmnProcessId == filter.BpmnProcessId)
        && (filter.ProcessInstanceKey is not { } instance || task.ProcessInstanceKey == instance)
        && (filter.ElementId is null || task.ElementId == filter.ElementId)
        && (filter.UserTaskKey is not { } key || task.UserTaskKey == key)
        && (filter.Overdue is not { } overdue || task.IsOverdue == overdue)
        && (filter.FollowUpDue is not { } followUp || task.IsFollowUpDue == followUp)
        && (filter.PriorityAtLeast is not { } priority || task.Priority >= priority)
        && (filter.DueBefore is not { } before || task.DueDate < before)
        && (filter.DueAfter is not { } after || task.DueDate > after);

    /// <summary>Open, unassigned, and open to everyone or naming the user, their group or them as initial assignee.</summary>
    public static bool IsClaimableBy(UserTask task, EligibleUser user) =>
        task.State == UserTaskState.Created
        && task.Assignee is null
        && ((task.CandidateUsers.Count == 0 && task.CandidateGroups.Count == 0)
            || task.CandidateUsers.Contains(user.UserId, StringComparer.Ordinal)
            || task.CandidateGroups.Intersect(user.Groups, StringComparer.Ordinal).Any()
            || task.InitialAssignee == user.UserId);
}
