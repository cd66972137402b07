using System.Text.Json;
using TaskFunctions.Domain;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// Tasklist v1's error body, served as <c>application/problem+json</c> like Tasklist does (it is not RFC 9457's shape):
/// the status, a message, and a random id for the occurrence. A rejection by a task rule carries Tasklist's code in
/// the message the way Tasklist 8.5+ writes it: <c>{"title":"TASK_IS_NOT_ACTIVE","detail":"..."}</c>; a malformed
/// request carries a plain sentence.
/// </summary>
public sealed record TasklistError(int Status, string Message, string Instance);

/// <summary>The one place the Tasklist routes build their errors.</summary>
public static class TasklistErrors
{
    public const string ContentType = "application/problem+json";

    public const string TaskIsNotActive = "TASK_IS_NOT_ACTIVE";
    public const string TaskAlreadyAssigned = "TASK_ALREADY_ASSIGNED";
    public const string TaskNotAssigned = "TASK_NOT_ASSIGNED";
    public const string TaskNotAssignedToCurrentUser = "TASK_NOT_ASSIGNED_TO_CURRENT_USER";

    /// <summary>An error with a plain message.</summary>
    public static JsonHttpResult<TasklistError> Error(int status, string message) =>
        TypedResults.Json(new TasklistError(status, message, Guid.NewGuid().ToString()), contentType: ContentType, statusCode: status);

    /// <summary>400 for a malformed request.</summary>
    public static JsonHttpResult<TasklistError> BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    /// <summary>404 for a task id that names no task.</summary>
    public static JsonHttpResult<TasklistError> TaskNotFound(long taskId) =>
        Error(StatusCodes.Status404NotFound, $"Task with id {taskId} was not found.");

    /// <summary>400 for a task id that is not a key.</summary>
    public static JsonHttpResult<TasklistError> InvalidTaskId(string taskId) =>
        BadRequest($"The task id '{taskId}' is not a valid task key: expected a positive decimal number such as \"2251799813685249\".");

    /// <summary>An error for a task rule, with Tasklist's code as title.</summary>
    public static JsonHttpResult<TasklistError> Coded(int status, string title, string detail) =>
        Error(status, JsonSerializer.Serialize(new CodedMessage(title, detail), MessageOptions));

    /// <summary>
    /// A rejected command in Tasklist's terms: an ended task is <c>TASK_IS_NOT_ACTIVE</c>, a task someone else holds
    /// <c>TASK_ALREADY_ASSIGNED</c>, completing an unassigned task <c>TASK_NOT_ASSIGNED</c>, completing someone
    /// else's <c>TASK_NOT_ASSIGNED_TO_CURRENT_USER</c> (all 400, as Tasklist); unknown task 404; not allowed 403; any
    /// other rule 400 titled with the rule's own code.
    /// </summary>
    public static JsonHttpResult<TasklistError> For(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            { Kind: DomainErrorKind.NotFound, Code: "USER_TASK_NOT_FOUND" } when error.EntityKey is { } key => TaskNotFound(key),
            { Kind: DomainErrorKind.NotFound } => Error(StatusCodes.Status404NotFound, error.Message),
            { Kind: DomainErrorKind.InvalidState } => Coded(StatusCodes.Status400BadRequest, TaskIsNotActive, error.Message),
            { Kind: DomainErrorKind.Forbidden } => Coded(StatusCodes.Status403Forbidden, error.Code, error.Message),
            { Code: "USER_TASK_ALREADY_ASSIGNED" } => Coded(StatusCodes.Status400BadRequest, TaskAlreadyAssigned, error.Message),
            { Code: "USER_TASK_NOT_ASSIGNED" } => Coded(StatusCodes.Status400BadRequest, TaskNotAssigned, error.Message),
            { Code: "USER_TASK_ASSIGNED_TO_OTHER" } => Coded(StatusCodes.Status400BadRequest, TaskNotAssignedToCurrentUser, error.Message),
            _ => Coded(StatusCodes.Status400BadRequest, error.Code, error.Message),
        };
    }

    /// <summary>The same limit violation an RFC problem would report (e.g. variables too large), in Tasklist's shape.</summary>
    public static JsonHttpResult<TasklistError> From(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Error(problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request was rejected.");
    }

    private static readonly JsonSerializerOptions MessageOptions = new(JsonSerializerDefaults.Web);

    private sealed record CodedMessage(string Title, string Detail);
}
