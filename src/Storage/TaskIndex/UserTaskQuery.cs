namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// A page request over the task index: the filter, the order, at most <paramref name="Limit"/> tasks (1–1000), and
/// optionally an opaque cursor from a previous page: <paramref name="After"/> continues forward from that task,
/// <paramref name="Before"/> goes back to the tasks just before it. A cursor only fits the sort it was issued for.
/// </summary>
public sealed record UserTaskQuery(
    UserTaskFilter Filter,
    UserTaskSortField Sort = UserTaskSortField.CreationDate,
    bool Descending = false,
    int Limit = 100,
    string? After = null,
    string? Before = null)
{
    public const int MaxLimit = 1000;
}
