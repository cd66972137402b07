namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// One variable visible to a user task (Camunda's <c>VariableSearchResult</c>): <see cref="Value"/> is the value
/// serialized as JSON, cut to the truncation limit when <see cref="IsTruncated"/>.
/// </summary>
public sealed record VariableSearchResult(
    string Name,
    string Value,
    bool IsTruncated,
    string TenantId,
    string VariableKey,
    string ScopeKey,
    string ProcessInstanceKey);
