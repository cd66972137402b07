using System.Globalization;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The rows a task version owns: one per sort order (<see cref="SortKeys.AllOrders"/>) in each partition it belongs
/// to. Every row carries the task's JSON and the properties queries filter on server-side.
/// </summary>
internal static class IndexRows
{
    public const string TaskProperty = "Task";

    /// <summary>The partitions of a task version, each once.</summary>
    public static IReadOnlyList<string> PartitionsOf(UserTask task)
    {
        var tenant = task.TenantId;
        var state = task.State;
        var key = task.UserTaskKey;
        var partitions = new List<string>
        {
            IndexKeys.Partition(tenant, state, IndexDimension.All, shardOf: key),
            task.Assignee is { } assignee
                ? IndexKeys.Partition(tenant, state, IndexDimension.Assignee, assignee)
                : IndexKeys.Partition(tenant, state, IndexDimension.Unassigned, shardOf: key),
            IndexKeys.Partition(tenant, state, IndexDimension.ProcessDefinition, task.ProcessDefinitionKey.ToString(CultureInfo.InvariantCulture)),
            IndexKeys.Partition(tenant, state, IndexDimension.BpmnProcess, task.BpmnProcessId),
            IndexKeys.Partition(tenant, state, IndexDimension.ProcessInstance, task.ProcessInstanceKey.ToString(CultureInfo.InvariantCulture)),
        };
        partitions.AddRange(task.CandidateUsers.Select(user => IndexKeys.Partition(tenant, state, IndexDimension.CandidateUser, user)));
        partitions.AddRange(task.CandidateGroups.Select(group => IndexKeys.Partition(tenant, state, IndexDimension.CandidateGroup, group, key)));
        if (task.CandidateUsers.Count == 0 && task.CandidateGroups.Count == 0)
        {
            partitions.Add(IndexKeys.Partition(tenant, state, IndexDimension.OpenToAll, shardOf: key));
        }

        if (task.InitialAssignee is { } initial)
        {
            partitions.Add(IndexKeys.Partition(tenant, state, IndexDimension.InitialAssignee, initial));
        }

        if (task.IsOverdue)
        {
            partitions.Add(IndexKeys.Partition(tenant, state, IndexDimension.Overdue));
        }

        if (task.IsFollowUpDue)
        {
            partitions.Add(IndexKeys.Partition(tenant, state, IndexDimension.FollowUp));
        }

        return [.. partitions.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every (PartitionKey, RowKey) the task version owns.</summary>
    public static IEnumerable<(string PartitionKey, string RowKey)> KeysOf(UserTask task)
    {
        var rowKeys = SortKeys.AllOrders.Select(o => SortKeys.RowKey(SortPosition.Of(task, o.Field), o.Descending)).ToList();
        return PartitionsOf(task).SelectMany(pk => rowKeys.Select(rk => (pk, rk)));
    }

    public static TableEntity Create(string partitionKey, string rowKey, UserTask task, string json)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            ["TaskKey"] = task.UserTaskKey,
            ["Version"] = task.Version,
            ["Assigned"] = task.Assignee is not null,
            ["Assignee"] = task.Assignee,
            ["ProcessDefinitionKey"] = task.ProcessDefinitionKey,
            ["BpmnProcessId"] = task.BpmnProcessId,
            ["ProcessInstanceKey"] = task.ProcessInstanceKey,
            ["ElementId"] = task.ElementId,
            ["Overdue"] = task.IsOverdue,
            ["FollowUpDue"] = task.IsFollowUpDue,
            ["Priority"] = task.Priority,
            ["DueDate"] = task.DueDate,
        };
        LargeStringProperty.Write(row, TaskProperty, json);
        return row;
    }

    /// <summary>The server-side part of a filter, on the row properties above.</summary>
    public static TableFilter ServerFilter(UserTaskFilter filter)
    {
        var parts = new List<TableFilter>();
        if (filter.Assignee is { } assignee)
        {
            parts.Add(TableFilter.Property("Assignee").Eq(assignee));
        }

        if (filter.Assigned is { } assigned)
        {
            parts.Add(TableFilter.Property("Assigned").Eq(assigned));
        }

        if (filter.ClaimableBy is not null)
        {
            parts.Add(TableFilter.Property("Assigned").Eq(false));
        }

        if (filter.ProcessDefinitionKey is { } definition)
        {
            parts.Add(TableFilter.Property("ProcessDefinitionKey").Eq(definition));
        }

        if (filter.BpmnProcessId is { } bpmnProcessId)
        {
            parts.Add(TableFilter.Property("BpmnProcessId").Eq(bpmnProcessId));
        }

        if (filter.ProcessInstanceKey is { } instance)
        {
            parts.Add(TableFilter.Property("ProcessInstanceKey").Eq(instance));
        }

        if (filter.ElementId is { } elementId)
        {
            parts.Add(TableFilter.Property("ElementId").Eq(elementId));
        }

        if (filter.UserTaskKey is { } key)
        {
            parts.Add(TableFilter.Property("TaskKey").Eq(key));
        }

        if (filter.Overdue is { } overdue)
        {
            parts.Add(TableFilter.Property("Overdue").Eq(overdue));
        }

        if (filter.FollowUpDue is { } followUp)
        {
            parts.Add(TableFilter.Property("FollowUpDue").Eq(followUp));
        }

        if (filter.PriorityAtLeast is { } priority)
        {
            parts.Add(TableFilter.Property("Priority").Ge(priority));
        }

        if (filter.DueBefore is { } before)
        {
            parts.Add(TableFilter.Property("DueDate").Lt(before));
        }

        if (filter.DueAfter is { } after)
        {
            parts.Add(TableFilter.Property("DueDate").Gt(after));
        }

        return TableFilter.AllOf(parts);
    }
}
