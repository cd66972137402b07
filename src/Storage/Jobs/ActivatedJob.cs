using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Storage.Jobs;

/// <summary>A job handed to a worker: the job (type, variables, custom headers, retries) and until when the worker holds it.</summary>
public sealed record ActivatedJob(Job Job, string Worker, DateTimeOffset Deadline);
