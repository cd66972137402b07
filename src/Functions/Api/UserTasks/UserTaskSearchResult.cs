namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>The answer of <c>POST /v2/user-tasks/search</c> (Camunda's <c>UserTaskSearchQueryResult</c>).</summary>
public sealed record UserTaskSearchResult(IReadOnlyList<UserTaskResult> Items, SearchPageResult Page);
