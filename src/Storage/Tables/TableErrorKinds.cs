namespace TaskFunctions.Storage.Tables;

/// <summary>Maps an HTTP status and Table service error code to a <see cref="TableErrorKind"/>.</summary>
internal static class TableErrorKinds
{
    public static TableErrorKind Classify(int status, string? errorCode) => status switch
    {
        0 or 408 or 429 or >= 500 => TableErrorKind.Unavailable,
        404 => TableErrorKind.NotFound,
        409 when errorCode is "EntityAlreadyExists" or "TableAlreadyExists" => TableErrorKind.AlreadyExists,
        409 => TableErrorKind.Conflict,
        412 => TableErrorKind.PreconditionFailed,
        400 or 413 => TableErrorKind.InvalidInput,
        401 or 403 => TableErrorKind.Forbidden,
        _ => TableErrorKind.Other,
    };
}
