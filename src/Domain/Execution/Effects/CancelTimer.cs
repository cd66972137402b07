namespace TaskFunctions.Domain.Execution;

/// <summary>Delete a persisted timer; it must not fire any more.</summary>
public sealed record CancelTimer(string TimerId) : ExecutionEffect;
