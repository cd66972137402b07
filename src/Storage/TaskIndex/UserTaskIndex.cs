using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The task-list query index in <c>{hub}TaskIndex</c>: a projection of the user-task rows, partitioned by the
/// dimensions task lists filter on, so every query reads a few partitions in sort order instead of scanning.
/// </summary>
public sealed class UserTaskIndex
{
    private readonly TaskHub _hub;
    private readonly TimeProvider _time;

    public UserTaskIndex(TaskHub hub, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(time);
        _hub = hub;
        _time = time;
    }

    /// <summary>Brings the index to this task version; idempotent; an older version than the indexed one is ignored.</summary>
    public Task ProjectAsync(UserTask task, CancellationToken ct) =>
        throw new NotSupportedException($"Projection into {_hub.TaskIndex.Name} at {_time.GetUtcNow()} is not available yet ({task.UserTaskKey}).");

    public Task<UserTaskSearchPage> SearchAsync(UserTaskQuery query, CancellationToken ct) =>
        throw new NotSupportedException("Search is not available yet.");

    public Task<UserTaskCount> CountAsync(UserTaskFilter filter, CancellationToken ct) =>
        throw new NotSupportedException("Count is not available yet.");

    /// <summary>The indexed copy of a task, or null when it was never projected.</summary>
    public Task<UserTask?> GetAsync(long userTaskKey, CancellationToken ct) =>
        throw new NotSupportedException("Get is not available yet.");
}
