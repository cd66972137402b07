namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// A command would write a single row larger than the service stores (1 MiB per entity) — e.g. a task whose
/// variables are that large. Commands with any number of rows are staged across transactions and do not fail.
/// </summary>
public sealed class CommandTooLargeException(string message) : InvalidOperationException(message);
