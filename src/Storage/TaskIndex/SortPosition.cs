using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// Where a task stands in a sort: its sort value (absent for a task without a due or follow-up date) and its key as
/// the tie-breaker. Cursors carry one.
/// </summary>
internal readonly record struct SortPosition(UserTaskSortField Field, bool HasValue, long Value, long UserTaskKey)
{
    public static SortPosition Of(UserTask task, UserTaskSortField field) => field switch
    {
        UserTaskSortField.CreationDate => new(field, true, task.CreationDate.UtcTicks, task.UserTaskKey),
        // Priorities are 0–100; clamped to what the three-digit RowKey encoding can order.
        UserTaskSortField.Priority => new(field, true, Math.Clamp(task.Priority, 0, 999), task.UserTaskKey),
        UserTaskSortField.DueDate => Optional(field, task.DueDate, task.UserTaskKey),
        UserTaskSortField.FollowUpDate => Optional(field, task.FollowUpDate, task.UserTaskKey),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field."),
    };

    private static SortPosition Optional(UserTaskSortField field, DateTimeOffset? value, long key) =>
        value is { } date ? new(field, true, date.UtcTicks, key) : new(field, false, 0, key);
}
