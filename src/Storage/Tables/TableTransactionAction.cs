using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// One operation of an entity-group transaction. For updates and deletes a default <paramref name="ETag"/> means
/// "any version" (<c>If-Match: *</c>); pass the ETag read earlier for optimistic concurrency.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
