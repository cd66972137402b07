namespace TaskFunctions.Storage.Tables;

/// <summary>What kind of failure a Table service request ended in, so callers can decide without parsing codes.</summary>
public enum TableErrorKind
{
    /// <summary>Anything not covered by a more specific kind.</summary>
    Other,

    /// <summary>404: the table or entity does not exist.</summary>
    NotFound,

    /// <summary>409: the table or entity already exists.</summary>
    AlreadyExists,

    /// <summary>409 other than "already exists", e.g. a table that is still being deleted.</summary>
    Conflict,

    /// <summary>412: the If-Match ETag no longer matches; another writer was first.</summary>
    PreconditionFailed,

    /// <summary>408, 429, 5xx, or no answer at all: the service is busy or unreachable; try again later.</summary>
    Unavailable,

    /// <summary>400 or 413: the service rejected the request as malformed or too large.</summary>
    InvalidInput,

    /// <summary>401 or 403: the credentials were rejected.</summary>
    Forbidden,
}
