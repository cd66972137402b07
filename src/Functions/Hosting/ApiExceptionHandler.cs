using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using TaskFunctions.Functions.Api;
using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Turns every exception that reaches the pipeline into problem+json: storage away → 503 with <c>Retry-After</c>,
/// a request that cannot be read → 400/413 naming why, a command over the storage limit → 413, anything else → 500
/// without a stack trace (the exception goes to the log).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a caller should wait before retrying while storage is away.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Describe(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            Logs.UnhandledError(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Logs.StorageUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    internal static (int Status, string Title, string Detail) Describe(Exception exception) => exception switch
    {
        StorageUnavailableException or KeyGeneratorUnavailableException =>
            (503, "SERVICE_UNAVAILABLE", $"Storage is unavailable: {exception.Message} Retry later. If storage failed after the commit the command may have been applied: read before repeating a start."),
        TableRequestFailedException { Kind: TableErrorKind.Unavailable } =>
            (503, "SERVICE_UNAVAILABLE", "Storage is unavailable (the Table service did not answer or is busy). Retry later."),
        CommandTooLargeException => (413, ApiProblems.PayloadTooLargeTitle, exception.Message),
        BadHttpRequestException { StatusCode: 413 } =>
            (413, ApiProblems.PayloadTooLargeTitle, "The request body is larger than the host accepts (host.json extensions.taskFunctions.http.maxRequestBodySize)."),
        BadHttpRequestException { InnerException: JsonException json } => (400, ApiProblems.InvalidArgumentTitle, JsonErrors.Describe(json)),
        BadHttpRequestException { StatusCode: 415 } bad => (415, "UNSUPPORTED_MEDIA_TYPE", bad.Message),
        BadHttpRequestException bad => (bad.StatusCode, ApiProblems.InvalidArgumentTitle, bad.Message),
        JsonException json => (400, ApiProblems.InvalidArgumentTitle, JsonErrors.Describe(json)),
        OperationCanceledException => (499, "CLIENT_CLOSED_REQUEST", "The request was canceled."),
        _ => (500, "INTERNAL_ERROR", "The server failed to handle the request; the error was logged. Nothing was changed unless a later read shows it."),
    };
}
