namespace TaskFunctions.Storage.Runtime;

/// <summary>Tuning of the command processor.</summary>
public sealed class CommandProcessorOptions
{
    /// <summary>How often a command is re-read and re-applied after losing a race, before storage counts as unavailable.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first backoff after a lost race; it doubles per attempt, with full jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Backoffs stop growing here.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Operations per entity-group transaction (the service allows 100).</summary>
    public int MaxBatchOperations { get; set; } = 100;

    /// <summary>Estimated bytes per entity-group transaction (the service allows 4 MiB; estimates are rough).</summary>
    public long MaxBatchBytes { get; set; } = 3 * 1024 * 1024;
}
