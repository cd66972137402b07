using System.Globalization;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// Which partitions a filter reads: the most selective dimension the filter names, in every state it allows and
/// every shard. "Claimable by" reads the user's candidate-user and initial-assignee partitions, each of their groups
/// and the open-to-all partition, merged. <see cref="NeedsTaskCheck"/> is true when a condition can only be checked on
/// the task itself (candidate lists not covered by the partition), so counting must read whole rows.
/// </summary>
internal sealed record QueryPlan(IReadOnlyList<string> Partitions, bool NeedsTaskCheck)
{
    private const string Claimable = "claimable";

    private static readonly UserTaskState[] States = Enum.GetValues<UserTaskState>();

    public static QueryPlan Create(UserTaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var tenant = filter.TenantId;
        IEnumerable<UserTaskState> states = filter.State is { } state ? [state] : States;
        string? covered;
        Func<UserTaskState, IEnumerable<string>> partitions;

        if (filter.ProcessInstanceKey is { } instance)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.ProcessInstance, instance.ToString(CultureInfo.InvariantCulture))];
        }
        else if (filter.Assignee is { } assignee)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.Assignee, assignee)];
        }
        else if (filter.CandidateUser is { } user)
        {
            covered = IndexDimension.CandidateUser;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.CandidateUser, user)];
        }
        else if (filter.ClaimableBy is { } eligible)
        {
            covered = Claimable;
            // Only open tasks can be claimed.
            states = states.Where(s => s == UserTaskState.Created);
            partitions = s =>
            [
                IndexKeys.Partition(tenant, s, IndexDimension.CandidateUser, eligible.UserId),
                IndexKeys.Partition(tenant, s, IndexDimension.InitialAssignee, eligible.UserId),
                .. eligible.Groups.Distinct(StringComparer.Ordinal).SelectMany(g => IndexKeys.AllShards(tenant, s, IndexDimension.CandidateGroup, g)),
                .. IndexKeys.AllShards(tenant, s, IndexDimension.OpenToAll),
            ];
        }
        else if (filter.CandidateGroup is { } group)
        {
            covered = IndexDimension.CandidateGroup;
            partitions = s => IndexKeys.AllShards(tenant, s, IndexDimension.CandidateGroup, group);
        }
        else if (filter.Overdue == true)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.Overdue)];
        }
        else if (filter.FollowUpDue == true)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.FollowUp)];
        }
        else if (filter.ProcessDefinitionKey is { } definition)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.ProcessDefinition, definition.ToString(CultureInfo.InvariantCulture))];
        }
        else if (filter.BpmnProcessId is { } bpmnProcessId)
        {
            covered = null;
            partitions = s => [IndexKeys.Partition(tenant, s, IndexDimension.BpmnProcess, bpmnProcessId)];
        }
        else if (filter.Assigned == false)
        {
            covered = null;
            partitions = s => IndexKeys.AllShards(tenant, s, IndexDimension.Unassigned);
        }
        else
        {
            covered = null;
            partitions = s => IndexKeys.AllShards(tenant, s, IndexDimension.All);
        }

        var needsTaskCheck =
            (filter.CandidateUser is not null && covered != IndexDimension.CandidateUser)
            || (filter.CandidateGroup is not null && covered != IndexDimension.CandidateGroup)
            || (filter.ClaimableBy is not null && covered != Claimable);
        return new QueryPlan([.. states.SelectMany(partitions).Distinct(StringComparer.Ordinal)], needsTaskCheck);
    }
}
