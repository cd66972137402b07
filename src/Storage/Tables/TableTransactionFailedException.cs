namespace TaskFunctions.Storage.Tables;

/// <summary>
/// An entity-group transaction was rejected as a whole; nothing in it was applied.
/// <see cref="FailedTransactionActionIndex"/> points at the action the service blamed.
/// </summary>
public sealed class TableTransactionFailedException : TableRequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>The zero-based index of the failing action, when the service named one.</summary>
    public int? FailedTransactionActionIndex { get; }
}
