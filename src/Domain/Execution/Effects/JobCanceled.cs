namespace TaskFunctions.Domain.Execution;

/// <summary>A job is no longer activatable: its element was terminated, it completed, failed or threw an error.</summary>
public sealed record JobCanceled(long JobKey, string JobType) : ExecutionEffect;
