using System.Globalization;
using System.Text;

namespace TaskFunctions.Bench;

/// <summary>
/// Writes a run's results: <c>&lt;date&gt;-report.md</c> (ratios first, then the targets, then every figure), a CSV of
/// every measured series, SVG charts, and <c>latest.md</c> pointing at the newest report.
/// </summary>
public static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes everything into <paramref name="directory"/> and returns the report's path.</summary>
    public static string Write(BenchResults results, string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = results.StartedAt.ToString("yyyy-MM-dd-HHmm", Inv) + (results.Quick ? "-quick" : string.Empty);
        var charts = Charts(results, stamp).ToList();
        foreach (var (file, svg) in charts)
        {
            File.WriteAllText(Path.Combine(directory, file), svg);
        }

        File.WriteAllText(Path.Combine(directory, $"{stamp}.csv"), Csv(results));
        var report = Path.Combine(directory, $"{stamp}-report.md");
        File.WriteAllText(report, Markdown(results, stamp, charts.Select(c => c.File).ToList()));
        File.WriteAllText(Path.Combine(directory, "latest.md"),
            $"# Latest benchmark results\n\nThe newest run is [{stamp}-report.md]({stamp}-report.md) " +
            $"({(results.Quick ? "quick mode" : "full run")}, {results.StartedAt:yyyy-MM-dd HH:mm} UTC). " +
            "How to run the benchmarks and what each figure means: [docs/benchmarks.md](../../docs/benchmarks.md).\n");
        return report;
    }

    public static string Csv(BenchResults results)
    {
        var csv = new StringBuilder("section,name,concurrency,open_tasks,count,seconds,ops_per_s,p50_ms,p95_ms,p99_ms,storage_requests\n");
        void Row(string section, string name, int concurrency, int tasks, Latencies l, int requests) =>
            csv.Append(Inv, $"{section},{Quote(name)},{concurrency},{tasks},{l.Count},{l.Seconds:0.###},{l.PerSecond:0.##},{l.P50:0.###},{l.P95:0.###},{l.P99:0.###},{requests}\n");
        foreach (var r in results.Raw)
        {
            Row("raw", r.Command, r.Concurrency, 0, r.Latencies, r.StorageRequests);
        }

        foreach (var r in results.Http)
        {
            Row("http", r.Command, r.Concurrency, 0, r.Latencies, r.StorageRequests);
        }

        foreach (var r in results.Search)
        {
            Row("search", r.Query, 1, r.OpenTasks, r.Latencies, (int)r.Count.Requests);
        }

        foreach (var r in results.Search)
        {
            Row("search-control", $"raw read of a 50-row partition, timed with {r.Query}", 1, r.OpenTasks, r.Control, 1);
        }

        foreach (var r in results.Peer)
        {
            csv.Append(Inv,
                $"peer,{Quote(r.Process + ": " + r.Engine)},{r.Concurrency},0,{r.Complete.Count},{r.Complete.Seconds:0.###},{r.InstancesPerSecond:0.##},{r.Complete.P50:0.###},{r.Complete.P95:0.###},{r.Complete.P99:0.###},0\n");
        }

        foreach (var r in results.Interpreter)
        {
            csv.Append(Inv, $"interpreter,{Quote($"approval-5, {r.Threads} thread(s)")},{r.Threads},0,0,0,{r.InstancesPerSecond:0.##},0,0,0,0\n");
        }

        return csv.ToString();
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static IEnumerable<(string File, string Svg)> Charts(BenchResults results, string stamp)
    {
        var levels = results.Http.Select(r => r.Concurrency).Concat(results.Raw.Select(r => r.Concurrency)).Distinct().Order().ToList();
        if (levels.Count > 0)
        {
            var categories = levels.Select(l => $"c={l}").ToList();
            foreach (var (p, pick) in new (string, Func<Latencies, double>)[] { ("p50", l => l.P50), ("p99", l => l.P99) })
            {
                var series = new List<ChartSeries>();
                foreach (var command in results.Http.Select(r => r.Command).Distinct())
                {
                    series.Add(new ChartSeries($"{command} (HTTP)", levels.Select(l => Value(results.Http, command, l, pick)).ToList()));
                }

                foreach (var command in results.Raw.Select(r => r.Command).Distinct())
                {
                    series.Add(new ChartSeries($"{command} (raw)", levels.Select(l => Value(results.Raw, command, l, pick)).ToList(), Dashed: true));
                }

                yield return ($"{stamp}-commands-{p}.svg",
                    Svg.LineChart($"Command latency {p} by concurrency", "concurrent callers", $"{p} latency (ms)", categories, series));
            }

            var throughput = new List<ChartSeries>
            {
                new("HTTP (ours)", results.Http.Select(r => r.Command).Distinct().Select(c => Value(results.Http, c, 8, l => l.PerSecond)).ToList()),
                new("raw replay", results.Http.Select(r => r.Command).Distinct().Select(c => Value(results.Raw, c, 8, l => l.PerSecond)).ToList()),
            };
            yield return ($"{stamp}-throughput.svg",
                Svg.BarChart("Commands per second at concurrency 8", "command", "operations/s", results.Http.Select(r => r.Command).Distinct().ToList(), throughput));
        }

        if (results.Search.Count > 0)
        {
            var sizes = results.Search.Select(r => r.OpenTasks).Distinct().Order().ToList();
            var series = results.Search.Select(r => r.Query).Distinct().SelectMany(q => new[]
            {
                new ChartSeries($"{q} p50", sizes.Select(s => results.Search.First(r => r.Query == q && r.OpenTasks == s).Latencies.P50).ToList()),
                new ChartSeries($"{q} p99", sizes.Select(s => results.Search.First(r => r.Query == q && r.OpenTasks == s).Latencies.P99).ToList(), Dashed: true),
            }).ToList();
            if (results.SearchControl.Count == sizes.Count)
            {
                series.Add(new ChartSeries("control p50", results.SearchControl.OrderBy(c => c.OpenTasks).Select(c => c.Latencies.P50).ToList()));
                series.Add(new ChartSeries("control p99", results.SearchControl.OrderBy(c => c.OpenTasks).Select(c => c.Latencies.P99).ToList(), Dashed: true));
            }

            yield return ($"{stamp}-search.svg",
                Svg.LineChart("Search latency vs open tasks (ours and the control query)", "open tasks in the index", "latency (ms)", sizes.Select(s => s.ToString("N0", Inv)).ToList(), series));
        }

        if (results.Peer.Count > 0)
        {
            var categories = results.Peer.Select(r => (r.Process, r.Concurrency)).Distinct().Select(k => $"{Short(k.Process)} c={k.Concurrency}").ToList();
            var series = results.Peer.Select(r => r.Engine).Distinct().Select(e => new ChartSeries(e,
                results.Peer.Select(r => (r.Process, r.Concurrency)).Distinct()
                    .Select(k => results.Peer.FirstOrDefault(r => r.Engine == e && r.Process == k.Process && r.Concurrency == k.Concurrency)?.InstancesPerSecond ?? double.NaN)
                    .ToList())).ToList();
            yield return ($"{stamp}-peer.svg", Svg.BarChart("Instances per second: ours vs bpmn-engine", "process, concurrency", "instances/s", categories, series));
        }
    }

    private static string Short(string processId) => processId.EndsWith("Timer", StringComparison.Ordinal) ? "timer" : "plain";

    private static double Value(List<CommandRow> rows, string command, int concurrency, Func<Latencies, double> pick) =>
        rows.FirstOrDefault(r => r.Command == command && r.Concurrency == concurrency) is { } row ? pick(row.Latencies) : double.NaN;

    private static string Markdown(BenchResults r, string stamp, IReadOnlyList<string> charts)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# Benchmark report {r.StartedAt:yyyy-MM-dd HH:mm} UTC{(r.Quick ? " (quick mode: small counts, indicative only)" : string.Empty)}\n\n");
        md.Append(Inv, $"One run of `bench/run.sh{(r.Quick ? " --quick" : string.Empty)}` on one machine, Azurite (in memory) on loopback; it took {r.Duration.TotalMinutes:0.0} min. ");
        md.Append("What each figure means: [docs/benchmarks.md](../../docs/benchmarks.md). Raw data: ");
        md.Append(Inv, $"[{stamp}.csv]({stamp}.csv).\n\n");

        md.Append("## Ratios\n\n");
        Ratios(r, md);
        if (r.Raw.Count > 0)
        {
            md.Append("\nThe raw figure is the command's recorded storage requests sent again from the benchmark process with the Table client the host uses " +
                "(same pipeline and retry settings): the same tables, kinds (read, query, insert, upsert, update with a valid ETag, delete, batch), " +
                "operations per batch, entity bodies (only the keys differ) and round trips (a request waits only for those answered before the host sent it). " +
                "Every replayed row has a row key of its own, as the host's index rows do. " +
                "It excludes the HTTP hop to the host, the host's JSON (instance state, task rows), the interpreter, and any CPU time between the host's requests; " +
                "its reads and queries find only the rows the recorded ones returned, on tables holding the replay's own rows. " +
                "Each raw point is measured twice in a row, right before its HTTP point, and the faster measurement is reported (the HTTP point is measured once).\n");
        }

        md.Append("\n## Targets\n\n");
        Targets(r, md);

        md.Append("\n## Machine\n\n| | |\n|---|---|\n");
        foreach (var (name, value) in r.Machine)
        {
            md.Append(Inv, $"| {name} | {value} |\n");
        }

        if (r.Traces.Count > 0)
        {
            md.Append("\n## Storage requests per command\n\nRecorded in the host (in-process, same services and settings) by a pipeline policy, ");
            md.Append("one command at a time; parallel requests (the index projection's per-partition batches) form one *wave*.\n\n");
            md.Append("| command | requests | waves (round trips on the critical path) | by table and kind |\n|---|---:|---:|---|\n");
            foreach (var (command, trace) in r.Traces)
            {
                md.Append(Inv, $"| {command} | {trace.Count} | {RawReplay.Waves(trace).Count} | {Breakdown(trace)} |\n");
            }

            md.Append("\nIn order:\n\n");
            foreach (var (command, trace) in r.Traces)
            {
                md.Append(Inv, $"- **{command}**: {string.Join(" → ", RawReplay.Waves(trace).Select(w => w.Count == 1 ? w[0].ToString() : "[" + string.Join(" ‖ ", w) + "]"))}\n");
            }
        }

        if (r.Raw.Count > 0 || r.Http.Count > 0)
        {
            md.Append("\n## Commands: HTTP on the real host vs raw replay\n\n");
            md.Append("| command | concurrency | HTTP ops/s | HTTP p50 / p95 / p99 ms | raw ops/s | raw p50 / p95 / p99 ms | ours/raw |\n|---|---:|---:|---|---:|---|---:|\n");
            foreach (var row in r.Http.Count > 0 ? r.Http : r.Raw)
            {
                var http = r.Http.FirstOrDefault(h => h.Command == row.Command && h.Concurrency == row.Concurrency);
                var raw = r.Raw.FirstOrDefault(h => h.Command == row.Command && h.Concurrency == row.Concurrency);
                md.Append(Inv,
                    $"| {row.Command} | {row.Concurrency} | {Ops(http)} | {Pct(http)} | {Ops(raw)} | {Pct(raw)} | {RatioText(http, raw)} |\n");
            }

            if (r.RawVariants.Count > 0)
            {
                md.Append("\nOther ways of replaying the same requests (BENCH_REPLAY_VARIANTS=1), each on tables of its own, measured right after the raw point above. " +
                    "*shared row keys*: the earlier replay, whose rows all used the row keys e000…e007; *recorded offsets*: each request also waits for the offset " +
                    "from the command's first request at which the host sent it; *wave barriers*: a wave starts when the whole previous wave is answered; " +
                    "*sequential*: one request at a time.\n\n");
                md.Append("| command | concurrency | replay | ops/s | p50 / p95 / p99 ms | vs raw |\n|---|---:|---|---:|---|---:|\n");
                foreach (var (variant, row) in r.RawVariants)
                {
                    var raw = r.Raw.FirstOrDefault(h => h.Command == row.Command && h.Concurrency == row.Concurrency);
                    md.Append(Inv, $"| {row.Command} | {row.Concurrency} | {variant} | {Ops(row)} | {Pct(row)} | {RatioText(row, raw)} |\n");
                }
            }

            foreach (var chart in charts.Where(c => c.Contains("-commands-", StringComparison.Ordinal) || c.Contains("throughput", StringComparison.Ordinal)))
            {
                md.Append(Inv, $"\n![{chart}]({chart})\n");
            }
        }

        if (r.Search.Count > 0)
        {
            md.Append("\n## Search scaling\n\nFirst page (50 tasks, by creation date) with the total count, one search at a time, straight on the task index, ");
            var onAzurite = r.SearchAccount is null;
            md.Append(onAzurite ? "on an Azurite of its own. " : Invariant($"on the Azure Storage account '{r.SearchAccount}' (BENCH_SEARCH_CONNECTION; the run's tables deleted afterwards). "));
            md.Append("Seeded tasks: 4 in 10 assigned (100 users), one of 50 candidate groups, 1 in 10 overdue; seeded in bulk with ");
            md.Append("the rows the projection writes. **control**: the raw table client reading a fixed 50-row partition of the same table (first page), timed alternately with the search's own series — ");
            md.Append(onAzurite
                ? "Azurite answers every query by scanning the whole table, so this is the emulator's own floor at that size. "
                : "On the service this is one small partition read, network included: its floor for a query. ");
            md.Append("**requests / rows**: what one search sends and the rows the answers carry (page + total count), counted on a separate run of it.\n\n");
            md.Append("| search | open tasks | index rows | p50 ms | p99 ms | control p50 ms | control p99 ms | ours/control p50 | ours/control p99 | ours p50 / (requests × control p50) | requests (page + count) | rows read (page + count) | items | searches timed |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var s in r.Search)
            {
                var control = s.Control;
                var rows = r.SeedingSteps.LastOrDefault(x => x.OpenTasks == s.OpenTasks)?.RowsInTable ?? 0;
                md.Append(Inv, $"| {s.Query} | {s.OpenTasks:N0} | {rows:N0} | {s.Latencies.P50:0.0} | {s.Latencies.P99:0.0} | ");
                md.Append(Inv, $"{control.P50:0.0} | {control.P99:0.0} | {s.Latencies.P50 / control.P50:0.0}× | {s.Latencies.P99 / control.P99:0.0}× | {s.Latencies.P50 / (Math.Max(1, s.Count.Requests) * control.P50):0.00} | ");
                md.Append(Inv, $"{s.Count.Requests} ({s.Count.PageRequests} + {s.Count.CountRequests}) | {s.Count.Rows:N0} ({s.Count.PageRows:N0} + {s.Count.CountRows:N0}) | {s.Items} | {r.SearchRepeats.GetValueOrDefault(s.OpenTasks)} |\n");
            }

            md.Append("\nWith 20 or 40 searches timed, p99 is the slowest of them.");
            md.Append(onAzurite
                ? " Azurite serves one request at a time, so a search's queries, sent in parallel, are scanned one after another: requests × control is the emulator's floor for the whole search.\n\n"
                : "\n\n");
            if (!onAzurite)
            {
                md.Append("Seeding (bulk, 16 entity-group transactions in flight):\n\n");
                md.Append("| open tasks | seeding s | tasks/s | rows/s | requests |\n|---:|---:|---:|---:|---:|\n");
                foreach (var seeding in r.Seeding)
                {
                    md.Append(Inv, $"| {seeding.OpenTasks:N0} | {seeding.Seconds:0.0} | {seeding.TasksPerSecond:0} | {seeding.Rows / Math.Max(0.001, seeding.Seconds):0} | {seeding.Requests:N0} |\n");
                }
            }
            else
            {
                md.Append("Seeding (bulk, 16 entity-group transactions in flight) and Azurite's resident memory after each size:\n\n");
                md.Append("| open tasks | index rows | seeding s | tasks/s | rows/s | requests | Azurite RSS MiB | RSS added per row since the last size (KiB) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                var (lastRss, lastRows) = (r.SearchBaseRssBytes, (long)SearchScaling.ControlRows);
                foreach (var seeding in r.Seeding)
                {
                    var rows = r.SeedingSteps.LastOrDefault(x => x.OpenTasks == seeding.OpenTasks)?.RowsInTable ?? seeding.Rows;
                    var perRow = (seeding.AzuriteRssBytes - lastRss) / 1024.0 / Math.Max(1, rows - lastRows);
                    md.Append(Inv, $"| {seeding.OpenTasks:N0} | {rows:N0} | {seeding.Seconds:0.0} | {seeding.TasksPerSecond:0} | {seeding.Rows / Math.Max(0.001, seeding.Seconds):0} | {seeding.Requests:N0} | {seeding.AzuriteRssBytes / 1048576.0:N0} | {perRow:0.0} |\n");
                    (lastRss, lastRows) = (seeding.AzuriteRssBytes, rows);
                }

                md.Append(Inv, $"\nAzurite's RSS before the first row: {r.SearchBaseRssBytes / 1048576.0:N0} MiB. ");
                md.Append("RSS is what the process holds, garbage not yet collected included, so the per-row figure is an upper bound.\n");

                if (r.SeedingSteps.Count > 1)
                {
                    md.Append("\nInsert rate per seeding step against the rows already in the table (Azurite keeps each table's rows in arrays sorted by ");
                    md.Append("PartitionKey and by RowKey and inserts by shifting them, so each row costs more the bigger the table): ");
                    md.Append(string.Join(", ", r.SeedingSteps.Select(x => Invariant($"{x.RowsInTable / 1000.0:0}k rows: {x.RowsPerSecond:0}/s"))));
                    md.Append(".\n");
                }
            }

            md.Append(Inv, $"\nThe section took {r.SearchSeconds / 60:0.0} min (seeding and measuring)");
            md.Append(onAzurite ? Invariant($"; its Azurite ran with a Node heap of up to {r.SearchHeapMegabytes:N0} MiB.\n") : ".\n");
            foreach (var chart in charts.Where(c => c.Contains("-search", StringComparison.Ordinal)))
            {
                md.Append(Inv, $"\n![{chart}]({chart})\n");
            }
        }

        if (r.Peer.Count > 0)
        {
            md.Append("\n## Peer: bpmn-engine on Node.js\n\n");
            md.Append("Each instance: start, wait in the user task, complete it, run to the end. The peer parses the BPMN once and ");
            md.Append("reuses it; with Table Storage it writes its state after the wait and after the end and reads it back to complete ");
            md.Append("(1 read, 2 writes). Ours: HTTP start, a search for the instance's open task, HTTP completion. Completion latency ");
            md.Append("is the completion step alone.\n\n");
            md.Append("| process | engine | concurrency | instances/s | completion p50 / p95 / p99 ms |\n|---|---|---:|---:|---|\n");
            foreach (var p in r.Peer)
            {
                md.Append(Inv, $"| {p.Process} | {p.Engine} | {p.Concurrency} | {p.InstancesPerSecond:0.0} | {p.Complete.P50:0.0} / {p.Complete.P95:0.0} / {p.Complete.P99:0.0} |\n");
            }

            foreach (var chart in charts.Where(c => c.Contains("-peer", StringComparison.Ordinal)))
            {
                md.Append(Inv, $"\n![{chart}]({chart})\n");
            }
        }

        if (r.Interpreter.Count > 0)
        {
            md.Append("\n## The interpreter alone\n\nFive-step approval (start + five completions, each on the previous state), in memory, no storage and no JSON.\n\n");
            md.Append("| threads | instances/s | commands/s | µs per instance |\n|---:|---:|---:|---:|\n");
            foreach (var i in r.Interpreter)
            {
                md.Append(Inv, $"| {i.Threads} | {i.InstancesPerSecond:0} | {i.CommandsPerSecond:0} | {i.MicrosecondsPerInstance:0.0} |\n");
            }
        }

        if (r.Notes.Count > 0)
        {
            md.Append("\n## Notes\n\n");
            foreach (var note in r.Notes)
            {
                md.Append(Inv, $"- {note}\n");
            }
        }

        return md.ToString();
    }

    private static void Ratios(BenchResults r, StringBuilder md)
    {
        md.Append("| ratio | concurrency | value |\n|---|---:|---:|\n");
        foreach (var http in r.Http)
        {
            var raw = r.Raw.FirstOrDefault(x => x.Command == http.Command && x.Concurrency == http.Concurrency);
            if (raw is not null)
            {
                md.Append(Inv, $"| ours/raw, {http.Command} (ops/s, same {raw.StorageRequests} requests) | {http.Concurrency} | {RatioText(http, raw)} |\n");
            }
        }

        foreach (var group in r.Peer.GroupBy(p => (p.Process, p.Concurrency)))
        {
            var ours = group.FirstOrDefault(p => p.Engine.StartsWith("ours", StringComparison.Ordinal));
            if (ours is null)
            {
                continue;
            }

            foreach (var peer in group.Where(p => p != ours))
            {
                md.Append(Inv, $"| ours/peer, {group.Key.Process} vs {peer.Engine} (instances/s) | {group.Key.Concurrency} | {ours.InstancesPerSecond / peer.InstancesPerSecond:0.00} |\n");
            }
        }
    }

    private static void Targets(BenchResults r, StringBuilder md)
    {
        md.Append("| target | measured | verdict |\n|---|---|---|\n");
        var why = new List<string>();

        // Commands ≥ 80 % of the raw limit at equal round trips.
        var ratios = r.Http.Select(h => (h, raw: r.Raw.FirstOrDefault(x => x.Command == h.Command && x.Concurrency == h.Concurrency)))
            .Where(p => p.raw is not null).Select(p => (p.h.Command, p.h.Concurrency, Ratio: p.h.Latencies.PerSecond / p.raw!.Latencies.PerSecond)).ToList();
        if (ratios.Count > 0)
        {
            var worst = ratios.MinBy(x => x.Ratio);
            var met = worst.Ratio >= 0.8;
            md.Append(Inv, $"| commands ≥ 80 % of the raw limit at equal round trips | worst {worst.Ratio:P0} ({worst.Command}, c={worst.Concurrency}); " +
                $"{ratios.Count(x => x.Ratio >= 0.8)} of {ratios.Count} pairs at or above 80 % | {Verdict(met)} |\n");
            var above = ratios.Where(x => x.Ratio > 1.0).ToList();
            if (above.Count > 0)
            {
                why.Add("**ours/raw above 100 %** (" + string.Join(", ", above.Select(x => string.Create(Inv, $"{x.Command} c={x.Concurrency}: {x.Ratio:P0}"))) + "). " +
                    "The raw point (the faster of two measurements) and its HTTP point run one after the other, a few seconds apart; other load on the " +
                    "machine moves single measurements by 2–3× (see the load average under Machine). Where Azurite's one thread is the bottleneck " +
                    "(many batches per command at high concurrency), host and replay both run at its ceiling and the ratio sits near 100 %. Writes the replay's client sent again and found already applied are listed under Notes. " +
                    "What once made the replay systematically slower than the host — all its rows sharing eight row keys, which Azurite's RowKey index " +
                    "turns into a walk over the whole table on every point write — is gone; see docs/benchmarks.md.");
            }

            if (!met)
            {
                why.Add("**Commands vs the raw limit.** The raw replay sends the same requests with nothing around them: no HTTP hop " +
                    "(the host is a second process the client calls on loopback), no JSON of the real instance state and the task " +
                    "rows (parsed and re-serialized on every command), no interpreter run; its requests carry the command's own entities. " +
                    "On a 2-core machine the host, Azurite and the load generator share the cores, so every CPU millisecond the host spends " +
                    "is taken from Azurite: the gap grows with concurrency. On Azurite the host's tables also pay for row keys shared across " +
                    "partitions (every instance's row 'instance', every task's index manifest row with the empty row key): Azurite finds a row " +
                    "by RowKey first, so those lookups walk every instance or every task, a cost that grows with the tables, that Azure Table " +
                    "Storage does not charge and that the raw figure (unique row keys) excludes. What would close it: fewer requests per command (below), " +
                    "serializing the " +
                    "instance state once per commit instead of per row.");
            }
        }

        if (r.Traces.TryGetValue("claim", out var claim))
        {
            var met = claim.Count <= 3;
            md.Append(Inv, $"| claim/unclaim ≤ 3 storage requests | claim: {claim.Count} ({Breakdown(claim)}) | {Verdict(met)} |\n");
            if (!met)
            {
                var index = claim.Count(x => x.Table.EndsWith("TaskIndex", StringComparison.Ordinal));
                var indexBatches = claim.Count(x => x.Table.EndsWith("TaskIndex", StringComparison.Ordinal) && x.Kind == "batch");
                var indexRows = claim.Where(x => x.Table.EndsWith("TaskIndex", StringComparison.Ordinal) && x.Kind == "batch").Sum(x => x.Operations);
                var manifestWrites = claim.Count(x => x.Table.EndsWith("TaskIndex", StringComparison.Ordinal) && x.Kind != "batch");
                why.Add(($"**Claim costs {claim.Count} requests, not 3.** The command itself needs the instance read and the guarded commit " +
                    "(the user task → instance lookup is cached in the host); " +
                    $"{claim.Count - index} requests are outside the task index (among them this command's outbox marker, written alongside the instance read and deleted " +
                    $"together with the outbox row after the projection, in the Keys table). The other {index} are the index projection: " +
                    $"{manifestWrites} manifest writes (pending before and indexed after the rows; the manifest itself is cached in the host, so a warm projection " +
                    $"does not read it) and {indexBatches} entity-group batches writing {indexRows} rows — one batch per index partition the task is listed in " +
                    "(all, assignee or unassigned, candidate group, process definition, BPMN process id, process instance), each holding one row per sort " +
                    "order (4 sort fields × ascending/descending = 8) with a full copy of the task, so a list needs no second read. " +
                    "What would close it: project only the partitions whose row keys change " +
                    "(a claim moves the task between the 'unassigned' and the assignee partitions; the others could hold only keys and read the " +
                    "task row, or fewer sort orders), fold the two manifest writes into the batch of the task's home partition, and let the " +
                    "next commit or the sweeper delete outbox rows."));
            }
        }

        if (r.Traces.TryGetValue("complete", out var complete) && r.Traces.TryGetValue("start", out var start))
        {
            var nextIndex = start.Count(x => x.Table.EndsWith("TaskIndex", StringComparison.Ordinal));
            var budget = 4 + nextIndex;
            var met = complete.Count <= budget;
            md.Append(Inv, $"| complete ≤ 4 requests plus the next task's index writes ({nextIndex}, as a start makes them) | complete: {complete.Count} " +
                $"(budget {budget}; {Breakdown(complete)}) | {Verdict(met)} |\n");
            if (!met)
            {
                why.Add(($"**Complete costs {complete.Count} requests against a budget of {budget}.** Besides the next task's projection it re-projects " +
                    "the completed task (its rows leave the open-task partitions: two manifest writes and one batch per partition) and " +
                    "reads the linked form when the task has one. What would close it: the same projection savings as for claim — above all, removing a " +
                    "finished task from the index with one batch per partition and no manifest round trips."));
            }
        }

        var sizes = r.Search.Select(s => s.OpenTasks).Distinct().Order().ToList();
        var grownSearches = new List<string>();
        var normalizedGrowth = new List<string>();
        if (sizes.Count >= 2)
        {
            foreach (var query in r.Search.Select(s => s.Query).Distinct())
            {
                var small = r.Search.First(s => s.Query == query && s.OpenTasks == sizes[0]);
                var large = r.Search.First(s => s.Query == query && s.OpenTasks == sizes[^1]);
                var growth = large.Latencies.P99 / Math.Max(0.001, small.Latencies.P99);
                md.Append(Inv, $"| search \"{query}\" p99 at {sizes[^1]:N0} ≤ 1.5× p99 at {sizes[0]:N0} (raw) | {small.Latencies.P99:0.0} → {large.Latencies.P99:0.0} ms ({growth:0.00}×) | {Verdict(growth <= 1.5)} |\n");
                if (growth > 1.5)
                {
                    grownSearches.Add(Invariant($"\"{query}\" {growth:0.0}×"));
                }

                {
                    var before = small.Latencies.P99 / Math.Max(0.001, small.Control.P99);
                    var after = large.Latencies.P99 / Math.Max(0.001, large.Control.P99);
                    var normalized = after / Math.Max(0.001, before);
                    var normalizedP50 = large.Latencies.P50 / Math.Max(0.001, large.Control.P50) / Math.Max(0.001, small.Latencies.P50 / Math.Max(0.001, small.Control.P50));
                    md.Append(Inv, $"| search \"{query}\" p99/control p99 at {sizes[^1]:N0} ≤ 1.5× the same at {sizes[0]:N0} ({(r.SearchAccount is null ? "emulator's scan divided out" : "control divided out")}) | {before:0.0}× → {after:0.0}× ({normalized:0.00}×; the same on p50: {normalizedP50:0.00}×); requests {small.Count.Requests} → {large.Count.Requests}, rows read {small.Count.Rows:N0} → {large.Count.Rows:N0} | {Verdict(normalized <= 1.5)} |\n");
                    normalizedGrowth.Add(Invariant($"\"{query}\" {normalized:0.00}× on p99, {normalizedP50:0.00}× on p50 (requests {small.Count.Requests} → {large.Count.Requests}, rows {small.Count.Rows:N0} → {large.Count.Rows:N0})"));
                }
            }
        }

        if (grownSearches.Count > 0)
        {
            var largest = sizes[^1];
            var missedSize = largest < 100_000
                ? Invariant($"The run reached {largest:N0} open tasks, not 100,000: on Azurite every index row is an object in one in-memory collection (see the RSS per row above; 100,000 open tasks are about 5 million rows) and each insert shifts the table's two sorted key arrays, so seeding slows as the table grows (the insert rates per step above). ")
                : string.Empty;
            if (r.SearchAccount is { } account)
            {
                why.Add(Invariant($"**Search latency grows with the total on the Storage account '{account}' ({string.Join(", ", grownSearches)} from {sizes[0]:N0} to {largest:N0} open tasks).** ") +
                    "Divided by the control (one small partition read on the same account), the growth is: " + string.Join("; ", normalizedGrowth) + ". " +
                    "A search's page requests and rows are fixed by its plan; its total count reads every match up to the 10,000 cap, one request per 1,000, " +
                    "so a search whose matches grow with the total grows with it. What would close it: count the total only on request or up to a bound.");
            }
            else
            {
                why.Add(Invariant($"**Search latency grows with the total on the emulator ({string.Join(", ", grownSearches)} from {sizes[0]:N0} to {largest:N0} open tasks).** ") +
                    missedSize +
                    "Azurite answers every query by running its filter over every row of the table and sorting the matches, whatever the partition, so each " +
                    "of a search's queries costs time in proportion to the table — the control query (a fixed 50-row partition) grows the same way — and, " +
                    "as it serves one request at a time, the queries a search sends in parallel are scanned one after another: a search of 20 queries " +
                    "(claimable: page and count over 10 partitions) costs about 20 scans. " +
                    "Divided by the control, the growth is: " + string.Join("; ", normalizedGrowth) + ". " +
                    "What carries over to Azure Table Storage, which serves a PartitionKey + RowKey range without touching other partitions, is the request " +
                    "and row counts: a search's page requests and rows are fixed by its plan (one query per partition read), and only its total count reads more " +
                    "rows as the matches grow, one request per 1,000 up to the 10,000 cap. What would close it: measure this target against a real Storage " +
                    "account (BENCH_SEARCH_CONNECTION; the counts say it should hold there), and count the total only on request or up to a bound, so that a search's work does not " +
                    "grow with its matches.");
            }
        }

        var slowPeers = new List<string>();
        foreach (var group in r.Peer.GroupBy(p => (p.Process, p.Concurrency)))
        {
            var ours = group.FirstOrDefault(p => p.Engine.StartsWith("ours", StringComparison.Ordinal));
            var memory = group.FirstOrDefault(p => p.Engine.Contains("in memory", StringComparison.Ordinal));
            if (ours is null || memory is null)
            {
                continue;
            }

            var met = ours.InstancesPerSecond >= memory.InstancesPerSecond;
            md.Append(Inv, $"| durable throughput ≥ in-memory peer ({group.Key.Process}, c={group.Key.Concurrency}) | ours {ours.InstancesPerSecond:0.0}/s vs bpmn-engine in memory {memory.InstancesPerSecond:0.0}/s | {Verdict(met)} |\n");
            if (!met)
            {
                slowPeers.Add(Invariant($"{group.Key.Process} c={group.Key.Concurrency}: {ours.InstancesPerSecond / memory.InstancesPerSecond:0.00}"));
            }
        }

        if (slowPeers.Count > 0)
        {
            why.Add(Invariant($"**Durable throughput below the in-memory peer (ours/peer: {string.Join("; ", slowPeers)}).** ") +
                "Each of our instances costs three HTTP calls (start, the search for its task, completion) and the storage requests counted " +
                "above for start and complete, every one a round trip to the emulator; the in-memory peer touches no storage at all, and even the " +
                "peer that writes its state to the same Azurite makes only 3 requests an instance. What would close it: the request savings " +
                "listed for claim and complete (the index projection is most of them), and returning the created user task keys from the start " +
                "call so a client needs no search.");
        }

        foreach (var row in r.Http.Where(h => h.Concurrency == 8))
        {
            var met = row.Latencies.P99 <= 50;
            md.Append(Inv, $"| {row.Command} p99 ≤ 50 ms at concurrency 8 | {row.Latencies.P99:0.0} ms | {Verdict(met)} |\n");
        }

        var slow = r.Http.Where(h => h.Concurrency == 8 && h.Latencies.P99 > 50).ToList();
        if (slow.Count > 0)
        {
            why.Add(($"**p99 above 50 ms at concurrency 8 ({string.Join(", ", slow.Select(s => s.Command))}).** Latency is the critical path's round " +
                "trips times Azurite's time per request under load: eight callers keep 8 × (requests per command) requests in flight on an emulator " +
                "that runs on one Node.js thread, sharing 2 cores with the host and the load generator. The raw replay's p99 at the same concurrency " +
                "(table above) is the floor for these requests on this machine. What would close it: fewer round trips on the critical path (project " +
                "the index after answering, as the sweeper already can, or in fewer waves), and a machine where storage does not share the cores."));
        }

        if (why.Count > 0)
        {
            md.Append("\n### Why the missed targets are missed, and what would close them\n\n");
            foreach (var reason in why)
            {
                md.Append(reason).Append("\n\n");
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(Inv);

    private static string Verdict(bool met) => met ? "**met**" : "**missed**";

    private static string Breakdown(IReadOnlyList<StorageRequest> trace) =>
        string.Join(", ", trace.GroupBy(t => $"{ShortTable(t.Table)} {t.Kind}").Select(g => $"{g.Key} ×{g.Count()}"));

    private static string ShortTable(string table)
    {
        foreach (var suffix in new[] { "Instances", "TaskIndex", "Keys", "Timers", "Definitions", "Jobs", "Idempotency" })
        {
            if (table.EndsWith(suffix, StringComparison.Ordinal))
            {
                return suffix;
            }
        }

        return table;
    }

    private static string Ops(CommandRow? row) => row is null ? "–" : row.Latencies.PerSecond.ToString("0", Inv);

    private static string Pct(CommandRow? row) =>
        row is null ? "–" : string.Create(Inv, $"{row.Latencies.P50:0.0} / {row.Latencies.P95:0.0} / {row.Latencies.P99:0.0}");

    private static string RatioText(CommandRow? http, CommandRow? raw) =>
        http is null || raw is null || raw.Latencies.PerSecond == 0 ? "–" : (http.Latencies.PerSecond / raw.Latencies.PerSecond).ToString("P0", Inv);
}
