namespace TaskFunctions.Domain.Execution;

/// <summary>A job became activatable for workers of its type: newly created, or offered again after a failure.</summary>
public sealed record JobCreated(long JobKey, string JobType, DateTimeOffset ActivatableAt) : ExecutionEffect;
