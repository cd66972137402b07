using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// One page of tasks in the requested order. <see cref="TotalItems"/> counts every match up to the index's count
/// limit; past it <see cref="HasMoreTotalItems"/> is true. The cursors point at the first and last item (null for an
/// empty page) and are what <see cref="UserTaskQuery.Before"/> and <see cref="UserTaskQuery.After"/> take.
/// </summary>
public sealed record UserTaskSearchPage(
    IReadOnlyList<UserTask> Items,
    long TotalItems,
    bool HasMoreTotalItems,
    string? StartCursor,
    string? EndCursor);
