namespace TaskFunctions.Bench;

/// <summary>A command measured at one concurrency: through HTTP ("ours") or replayed raw.</summary>
public sealed record CommandRow(string Command, int Concurrency, Latencies Latencies, int StorageRequests, int CriticalPath);

/// <summary>One search at one index size, with the control queries timed alternately with it.</summary>
public sealed record SearchRow(string Query, int OpenTasks, Latencies Latencies, int Items, StorageCount Count, Latencies Control);

/// <summary>
/// The control query (a fixed 50-row partition read with the raw client) at one index size, over the three searches'
/// series: p50 and mean averaged, p99 the highest.
/// </summary>
public sealed record SearchControlRow(int OpenTasks, Latencies Latencies, StorageCount Count);

/// <summary>One engine running the one-task process at one concurrency.</summary>
public sealed record PeerRow(string Process, string Engine, int Concurrency, double InstancesPerSecond, Latencies Complete);

/// <summary>Everything one run measured, for the report writer.</summary>
public sealed class BenchResults
{
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    public TimeSpan Duration { get; set; }

    public bool Quick { get; init; }

    public List<(string Name, string Value)> Machine { get; } = [];

    public List<CommandRow> Raw { get; } = [];

    public List<CommandRow> Http { get; } = [];

    /// <summary>Other ways of replaying the same requests (BENCH_REPLAY_VARIANTS=1), each next to its raw point.</summary>
    public List<(string Variant, CommandRow Row)> RawVariants { get; } = [];

    /// <summary>The storage requests one command made in the recording host, in order.</summary>
    public Dictionary<string, IReadOnlyList<StorageRequest>> Traces { get; } = new(StringComparer.Ordinal);

    public List<SearchRow> Search { get; } = [];

    public List<SeedingRow> Seeding { get; } = [];

    public List<SearchControlRow> SearchControl { get; } = [];

    public List<SeedingStep> SeedingSteps { get; } = [];

    /// <summary>Searches timed per query at each index size.</summary>
    public Dictionary<int, int> SearchRepeats { get; } = [];

    /// <summary>The Node heap limit the search section's Azurite ran with.</summary>
    public int SearchHeapMegabytes { get; set; }

    /// <summary>The search section's Azurite's resident memory before any row was written.</summary>
    public long SearchBaseRssBytes { get; set; }

    /// <summary>How long the search section took, seeding included.</summary>
    public double SearchSeconds { get; set; }

    /// <summary>The Storage account the search section ran on (BENCH_SEARCH_CONNECTION), or null for its own Azurite.</summary>
    public string? SearchAccount { get; set; }

    public List<PeerRow> Peer { get; } = [];

    public List<(int Threads, double InstancesPerSecond, double CommandsPerSecond, double MicrosecondsPerInstance)> Interpreter { get; } = [];

    public List<string> Notes { get; } = [];
}
