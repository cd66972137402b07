using System.Text.Json.Nodes;

namespace TaskFunctions.Functions.Api.UserTasks;

// The request shapes the endpoints accept, for the API description. The endpoints read bodies as JSON objects
// themselves (see JsonBody) so an unknown or unsupported field is a 400 naming it, never silently dropped.

/// <summary>
/// <c>POST /v2/user-tasks/search</c>: Camunda's <c>UserTaskSearchQuery</c> — <c>filter</c> (see docs/api-user-tasks.md
/// for the fields and operators served), one <c>sort</c> entry, and a <c>page</c> with <c>limit</c> and a cursor.
/// </summary>
public sealed record UserTaskSearchRequest(JsonObject? Filter, IReadOnlyList<SearchSortRequest>? Sort, SearchPageRequest? Page);

/// <summary>A sort criterion: <c>field</c> and <c>order</c> (<c>ASC</c> or <c>DESC</c>, any casing).</summary>
public sealed record SearchSortRequest(string Field, string? Order);

/// <summary>A page request: <c>limit</c>, and at most one of <c>after</c> / <c>before</c> (cursors); <c>from</c> only 0.</summary>
public sealed record SearchPageRequest(int? Limit, int? From, string? After, string? Before);

/// <summary><c>POST /v2/user-tasks/search/count</c>: the same <c>filter</c> as a search.</summary>
public sealed record UserTaskCountRequest(JsonObject? Filter);

/// <summary><c>POST …/assignment</c>: <c>allowOverride: false</c> refuses a task someone else holds (a claim).</summary>
public sealed record UserTaskAssignmentRequest(string Assignee, bool? AllowOverride, string? Action);

/// <summary><c>POST …/completion</c>: the variables to merge into the instance.</summary>
public sealed record UserTaskCompletionRequest(JsonObject? Variables, string? Action);

/// <summary><c>PATCH /v2/user-tasks/{key}</c>: the attributes to change (dueDate, followUpDate, candidateUsers, candidateGroups, priority).</summary>
public sealed record UserTaskUpdateRequest(JsonObject? Changeset, string? Action);

/// <summary><c>POST …/failure</c>: ends the task with a BPMN error.</summary>
public sealed record UserTaskFailureRequest(string? ErrorCode, string ErrorMessage);

/// <summary><c>POST …/cancellation</c>: ends the task without an outcome.</summary>
public sealed record UserTaskCancellationRequest(string? Reason);

/// <summary><c>POST …/variables/search</c>: <c>filter.name</c>, one <c>sort</c> entry (name), and a page.</summary>
public sealed record UserTaskVariableSearchRequest(JsonObject? Filter, IReadOnlyList<SearchSortRequest>? Sort, SearchPageRequest? Page);
