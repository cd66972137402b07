using Azure;

namespace TaskFunctions.Storage.Runtime;

/// <summary>One outbox marker row: the instance it marks, its RowKey and the ETag it was written or found with.</summary>
public readonly record struct OutboxMarker(long ProcessInstanceKey, string RowKey, ETag ETag);
