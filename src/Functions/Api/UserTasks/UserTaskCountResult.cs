namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// The answer of <c>POST /v2/user-tasks/search/count</c>: how many tasks match; when <see cref="HasMoreTotalItems"/>
/// is true the index stopped counting and there are at least <see cref="TotalItems"/>.
/// </summary>
public sealed record UserTaskCountResult(long TotalItems, bool HasMoreTotalItems);
