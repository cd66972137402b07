using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The conditions a task-list query puts on tasks; every condition that is set must hold (AND). Always within one
/// tenant. Each condition is served by an index partition or checked on the rows of the chosen partitions, so no
/// query scans the whole table.
/// </summary>
public sealed record UserTaskFilter
{
    public string TenantId { get; init; } = UserTask.DefaultTenantId;

    /// <summary>The lifecycle state; null means any state.</summary>
    public UserTaskState? State { get; init; }

    /// <summary>Tasks held by exactly this user.</summary>
    public string? Assignee { get; init; }

    /// <summary>True: tasks someone holds; false: unassigned tasks.</summary>
    public bool? Assigned { get; init; }

    /// <summary>Tasks listing this user among their candidate users.</summary>
    public string? CandidateUser { get; init; }

    /// <summary>Tasks listing this group among their candidate groups.</summary>
    public string? CandidateGroup { get; init; }

    /// <summary>
    /// Open, unassigned tasks this user may claim: tasks without any candidates, tasks naming the user as a candidate
    /// user or as their initial assignee, and tasks naming one of the user's groups as a candidate group. Implies
    /// <see cref="UserTaskState.Created"/>.
    /// </summary>
    public EligibleUser? ClaimableBy { get; init; }

    public long? ProcessDefinitionKey { get; init; }

    /// <summary>The BPMN process id (Camunda's <c>processDefinitionId</c>).</summary>
    public string? BpmnProcessId { get; init; }

    public long? ProcessInstanceKey { get; init; }

    public string? ElementId { get; init; }

    public long? UserTaskKey { get; init; }

    /// <summary>Whether the due-date timer has fired (<see cref="UserTask.IsOverdue"/>).</summary>
    public bool? Overdue { get; init; }

    /// <summary>Whether the follow-up timer has fired (<see cref="UserTask.IsFollowUpDue"/>).</summary>
    public bool? FollowUpDue { get; init; }

    /// <summary>Tasks with at least this priority.</summary>
    public int? PriorityAtLeast { get; init; }

    /// <summary>Tasks due strictly before this instant (tasks without a due date never match).</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Tasks due strictly after this instant (tasks without a due date never match).</summary>
    public DateTimeOffset? DueAfter { get; init; }
}
