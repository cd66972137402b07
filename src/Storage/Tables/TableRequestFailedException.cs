using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// A Table service request failed. <see cref="Kind"/> says what happened in terms a caller acts on, e.g.
/// <c>catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.PreconditionFailed)</c>.
/// </summary>
public class TableRequestFailedException : RequestFailedException
{
    public TableRequestFailedException(int status, string message, string? errorCode, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
        Kind = TableErrorKinds.Classify(status, errorCode);
    }

    /// <summary>The kind of failure derived from the status and error code.</summary>
    public TableErrorKind Kind { get; }
}
