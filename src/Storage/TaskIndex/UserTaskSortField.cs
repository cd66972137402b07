namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// What a task list can be sorted by. Ties are broken by the user task key (ascending when sorting ascending,
/// descending when sorting descending); tasks without the sort value (no due or follow-up date) come last either way.
/// </summary>
public enum UserTaskSortField
{
    CreationDate,
    Priority,
    DueDate,
    FollowUpDate,
}
