using TaskFunctions.Domain;

namespace TaskFunctions.Functions.Api;

/// <summary>
/// The one way an endpoint answers with an error: RFC 9457 problem+json whose <c>title</c> is Camunda's rejection type
/// (<c>NOT_FOUND</c>, <c>INVALID_STATE</c>, <c>INVALID_ARGUMENT</c>, <c>FORBIDDEN</c>), whose <c>detail</c> says what
/// was wrong and what is allowed, and whose <c>code</c> extension is the stable code of the rule that was broken.
/// <c>instance</c> (the request path) is filled in by the host for every problem.
/// </summary>
public static class ApiProblems
{
    public const string NotFoundTitle = "NOT_FOUND";
    public const string InvalidStateTitle = "INVALID_STATE";
    public const string InvalidArgumentTitle = "INVALID_ARGUMENT";
    public const string ForbiddenTitle = "FORBIDDEN";
    public const string UnauthorizedTitle = "UNAUTHORIZED";
    public const string PayloadTooLargeTitle = "PAYLOAD_TOO_LARGE";

    /// <summary>The status a domain error kind answers with (see <see cref="DomainErrorKind"/>).</summary>
    public static int StatusFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.InvalidState or DomainErrorKind.Conflict or DomainErrorKind.NotEligible => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.Validation => StatusCodes.Status400BadRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The problem title a domain error kind answers with.</summary>
    public static string TitleFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => NotFoundTitle,
        DomainErrorKind.InvalidState or DomainErrorKind.Conflict or DomainErrorKind.NotEligible => InvalidStateTitle,
        DomainErrorKind.Forbidden => ForbiddenTitle,
        DomainErrorKind.Validation => InvalidArgumentTitle,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A rejected command: status by kind, the domain's message as detail, its code and fields as extensions.</summary>
    public static ProblemHttpResult For(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Fields.Count > 0)
        {
            extensions["fields"] = error.Fields;
        }

        return TypedResults.Problem(
            detail: error.Message, statusCode: StatusFor(error.Kind), title: TitleFor(error.Kind), extensions: extensions);
    }

    /// <summary>400: the request itself is malformed; <paramref name="fields"/> names the inputs at fault.</summary>
    public static ProblemHttpResult BadRequest(string detail, params string[] fields) =>
        Problem(StatusCodes.Status400BadRequest, InvalidArgumentTitle, detail, "INVALID_ARGUMENT", fields);

    /// <summary>404 for a key the caller addressed.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, NotFoundTitle, detail, "NOT_FOUND", []);

    /// <summary>409: the request clashes with the current state.</summary>
    public static ProblemHttpResult Conflict(string detail, string code) =>
        Problem(StatusCodes.Status409Conflict, InvalidStateTitle, detail, code, []);

    /// <summary>413: the request is over a limit; the detail names the limit.</summary>
    public static ProblemHttpResult TooLarge(string detail, params string[] fields) =>
        Problem(StatusCodes.Status413PayloadTooLarge, PayloadTooLargeTitle, detail, "PAYLOAD_TOO_LARGE", fields);

    private static ProblemHttpResult Problem(int status, string title, string detail, string code, string[] fields)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (fields.Length > 0)
        {
            extensions["fields"] = fields;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }
}
