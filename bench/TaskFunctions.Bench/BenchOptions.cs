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

    /// <summary>Open-task counts of the search-scaling measurement.</summary>
    public IReadOnlyList<int> SearchSizes => Quick ? [1_000, 3_000] : [1_000, 10_000, 100_000];

    /// <summary>How long seeding the index may take in all; a size that would not fit is left out, with a note.</summary>
    public TimeSpan SeedingBudget => Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(5);

    public int SearchesPerQuery => Quick ? 30 : 200;

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
                case "--help" or "-h":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.{Environment.NewLine}{Usage}");
            }
        }

        return options;
    }

    public const string Usage =
        "usage: bench/run.sh [--quick] [--out DIR] [--only raw,http,search,peer,interpreter] [--concurrency 1,8,32]";

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
