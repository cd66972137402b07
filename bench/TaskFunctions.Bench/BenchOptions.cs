using System.Globalization;

namespace TaskFunctions.Bench;

/// <summary>
/// What one run measures and where it writes: <c>--quick</c> (small counts, for a check in under three minutes),
/// <c>--out DIR</c> (default <c>bench/results</c>), <c>--only NAME[,NAME]</c> (raw, http, search, peer, interpreter).
/// </summary>
public sealed record BenchOptions
{
    public static readonly string[] Sections = ["raw", "http", "search", "peer", "interpreter"];

    public bool Quick { get; init; }

    public string? OutputDirectory { get; init; }

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(Sections, StringComparer.Ordinal);

    /// <summary>The concurrency levels: 1, 8 and 32, or 1 and 8 in quick mode, unless <c>--concurrency</c> says otherwise.</summary>
    public IReadOnlyList<int> Concurrencies => _concurrencies ?? (Quick ? [1, 8] : [1, 8, 32]);

    private IReadOnlyList<int>? _concurrencies;

    /// <summary>Operations measured per command and concurrency.</summary>
    public int OperationsPerLevel => Quick ? 24 : 160;

    /// <summary>Open-task counts of the search-scaling measurement, unless <c>--search-sizes</c> says otherwise.</summary>
    public IReadOnlyList<int> SearchSizes => _searchSizes ?? (Quick ? [500, 1_000, 2_000] : [1_000, 10_000, 100_000]);

    private IReadOnlyList<int>? _searchSizes;

    /// <summary>
    /// How long after its start the search section may still begin a seeding step; it then measures the size it
    /// reached. Leaves room for the measurements within about 20 minutes.
    /// </summary>
    public TimeSpan SeedingBudget => Quick ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(13);

    /// <summary>Entity-group transactions the seeding keeps in flight.</summary>
    public int SeedParallelism => 16;

    /// <summary>
    /// Searches timed per query (and control queries) at an index size: fewer at large sizes, where on the emulator
    /// each of a search's queries scans the whole table.
    /// </summary>
    public int SearchesAt(int openTasks) => Quick ? 20 : openTasks switch
    {
        <= 2_000 => 100,
        <= 10_000 => 40,
        _ => 20,
    };

    public int PeerInstances => Quick ? 30 : 120;

    public int InterpreterInstances => Quick ? 5_000 : 50_000;

    public bool Runs(string section) => Only.Contains(section);

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Value(args, ref i) };
                    break;
                case "--only":
                    var names = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Where(n => !Sections.Contains(n)).ToList();
                    if (unknown.Count > 0 || names.Length == 0)
                    {
                        throw new ArgumentException(
                            $"--only takes one or more of {string.Join(", ", Sections)}, got '{string.Join(",", names)}'.");
                    }

                    options = options with { Only = new HashSet<string>(names, StringComparer.Ordinal) };
                    break;
                case "--concurrency":
                    var levels = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 256
                            ? n
                            : throw new ArgumentException($"--concurrency takes numbers from 1 to 256, got '{v}'."))
                        .ToList();
                    options = options with { _concurrencies = levels };
                    break;
                case "--search-sizes":
                    var sizes = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1_000_000
                            ? n
                            : throw new ArgumentException($"--search-sizes takes open-task counts from 1 to 1,000,000, got '{v}'."))
                        .Order()
                        .ToList();
                    options = options with { _searchSizes = sizes };
                    break;
                case "--help" or "-h":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.{Environment.NewLine}{Usage}");
            }
        }

        return options;
    }

    public const string Usage =
        "usage: bench/run.sh [--quick] [--out DIR] [--only raw,http,search,peer,interpreter] [--concurrency 1,8,32] [--search-sizes 1000,10000,100000]";

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
