namespace TaskFunctions.Domain.Execution;

/// <summary>
/// A worker could not do a job. With retries left the job is offered again (after the backoff); with none an
/// incident is raised.
/// </summary>
public sealed record FailJob(long JobKey, int Retries, string? ErrorMessage = null, TimeSpan? RetryBackoff = null) : ProcessCommand;
