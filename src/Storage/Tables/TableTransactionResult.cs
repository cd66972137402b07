using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>What the service answered for one action of a committed transaction, in the order of the actions.</summary>
/// <param name="Index">The action's zero-based position in the transaction.</param>
/// <param name="Status">The action's HTTP status, e.g. 204.</param>
/// <param name="ETag">The row's new ETag; null for deletes.</param>
public sealed record TableTransactionResult(int Index, int Status, ETag? ETag);
