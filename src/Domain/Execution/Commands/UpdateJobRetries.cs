namespace TaskFunctions.Domain.Execution;

/// <summary>Sets the retries of a job, typically of a failed one before its incident is resolved.</summary>
public sealed record UpdateJobRetries(long JobKey, int Retries) : ProcessCommand;
