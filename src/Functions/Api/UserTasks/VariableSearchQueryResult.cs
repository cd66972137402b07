namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>The answer of <c>POST /v2/user-tasks/{key}/variables/search</c> (Camunda's <c>VariableSearchQueryResult</c>).</summary>
public sealed record VariableSearchQueryResult(IReadOnlyList<VariableSearchResult> Items, SearchPageResult Page);
