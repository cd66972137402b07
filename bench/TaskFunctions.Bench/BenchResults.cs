namespace TaskFunctions.Bench;

/// <summary>A command measured at one concurrency: through HTTP ("ours") or replayed raw.</summary>
public sealed record CommandRow(string Command, int Concurrency, Latencies Latencies, int StorageRequests, int CriticalPath);

/// <summary>One search at one index size.</summary>
public sealed record SearchRow(string Query, int OpenTasks, Latencies Latencies, int Items);

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

    public List<(int OpenTasks, double TasksPerSecond)> Seeding { get; } = [];

    public List<PeerRow> Peer { get; } = [];

    public List<(int Threads, double InstancesPerSecond, double CommandsPerSecond, double MicrosecondsPerInstance)> Interpreter { get; } = [];

    public List<string> Notes { get; } = [];
}
