namespace TaskFunctions.Storage.Tables;

/// <summary>A table in the account, as listed by <see cref="TableServiceClient.QueryTablesAsync(string?, int?, CancellationToken)"/>.</summary>
public sealed record TableItem(string Name);
