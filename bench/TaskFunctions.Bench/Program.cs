using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>The benchmark runner: starts Azurite and the host, runs every measurement, writes the report.</summary>
public static class BenchRunner
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var root = RepositoryRoot();
        var processes = Path.Combine(root, "bench", "processes");
        var results = new BenchResults { Quick = options.Quick };
        results.Machine.AddRange(MachineFacts.Collect(root));
        var total = Stopwatch.StartNew();
        void Log(string message) => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {message}");

        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { Port = HostProcess.FreePort(), ToolsDirectory = root });
        Log($"Azurite listens on port {azurite.Port} (in memory)");
        var service = new TableServiceClient(azurite.ConnectionString);
        var n = options.OperationsPerLevel;
        var commands = new[] { "start", "claim", "complete", "search" };
        var searchFilter = new JsonObject { ["candidateGroup"] = TaskApi.Group, ["state"] = "CREATED" };

        if (options.Runs("raw") || options.Runs("http"))
        {
            // 1. What a command sends to storage: recorded on the host in-process, command by command, at concurrency 1.
            Log("recording the storage requests of each command");
            var recorder = new RequestRecorder();
            await using (var recording = new RecordingHost(azurite.ConnectionString, "BenchRec", recorder))
            {
                var api = TaskApi.For(recording.CreateClient());
                await api.DeployAsync(Path.Combine(processes, "two-tasks.bpmn"));
                for (var i = 0; i < 12; i++)
                {
                    recorder.Recording = true;
                    var instance = await api.StartAsync("benchTwoTasks");
                    Keep("start", recorder.Take());
                    recorder.Recording = false;
                    var task = await api.OpenTaskAsync(instance);
                    recorder.Recording = true;
                    await api.ClaimAsync(task);
                    Keep("claim", recorder.Take());
                    await api.CompleteAsync(task);
                    Keep("complete", recorder.Take());
                    await api.SearchAsync(searchFilter);
                    Keep("search", recorder.Take());
                    recorder.Recording = false;
                }
            }

            foreach (var (command, trace) in results.Traces)
            {
                Log($"  {command}: {trace.Count} requests — {string.Join(", ", trace)}");
            }
        }

        // 2. The raw limit: the same requests, straight from the Table client. Each point (command, concurrency) is
        // measured right before the HTTP point it is compared with, so both see the machine in the same state.
        var replays = new Dictionary<string, RawReplay>();
        if (options.Runs("raw"))
        {
            foreach (var command in commands)
            {
                var replay = new RawReplay(service, "BenchRaw" + command, "BenchRec", results.Traces[command]);
                await replay.PrepareAsync();
                await replay.PrepareRunsAsync(Math.Min(40, n));
                await Load.RunAsync(Math.Min(40, n), 8, replay.RunAsync);
                replays[command] = replay;
            }

            if (!options.Runs("http"))
            {
                foreach (var concurrency in options.Concurrencies)
                {
                    foreach (var command in commands)
                    {
                        await RawPoint(command, concurrency);
                    }
                }
            }
        }

        if (options.Runs("http") || options.Runs("peer"))
        {
            await using var host = await HostProcess.StartAsync(azurite.ConnectionString, "BenchHttp");
            Log($"host process listens on {host.BaseAddress}");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseAddress };
            var api = TaskApi.For(http);
            await api.DeployAsync(
                Path.Combine(processes, "two-tasks.bpmn"), Path.Combine(processes, "one-task.bpmn"), Path.Combine(processes, "one-task-timer.bpmn"));

            if (options.Runs("http"))
            {
                // Warm the host (JIT, connection pools, caches) before anything is timed.
                await HttpRound(api, Math.Min(40, n), 8, record: false);
                foreach (var concurrency in options.Concurrencies)
                {
                    await HttpRound(api, n, concurrency, record: true, before: RawPoint);
                }

                var open = await api.CountAsync(searchFilter);
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The HTTP search runs on the hub the HTTP rounds filled: by the end {open:N0} open tasks of group '{TaskApi.Group}' (every completed review leaves an open approval), and each search counts all of them for its total. The raw replay's queries return the rows the recorded search's queries returned, on a table holding only those rows, so for search ours/raw compares more work with less; the other commands' replays write and read the same rows as the command."));
            }

            if (options.Runs("peer"))
            {
                // Quick mode runs the plain process only; the timer variant costs the same again.
                var peerProcesses = new[] { ("one-task.bpmn", "benchOneTask"), ("one-task-timer.bpmn", "benchOneTaskTimer") };
                foreach (var (file, processId) in options.Quick ? peerProcesses[..1] : peerProcesses)
                {
                    var bpmn = Path.Combine(processes, file);
                    await OursInstances(api, processId, Math.Min(40, options.PeerInstances), 8);
                    foreach (var concurrency in options.Concurrencies)
                    {
                        var count = options.PeerInstances;
                        var memory = await PeerRunner.RunAsync(root, bpmn, "memory", concurrency, count, azurite.ConnectionString, "PeerState");
                        results.Peer.Add(new PeerRow(processId, "bpmn-engine, in memory", concurrency, memory.InstancesPerSecond, memory.Complete));
                        var tables = await PeerRunner.RunAsync(root, bpmn, "tables", concurrency, count, azurite.ConnectionString, "PeerState");
                        results.Peer.Add(new PeerRow(processId, "bpmn-engine + Table Storage", concurrency, tables.InstancesPerSecond, tables.Complete));
                        var (ours, complete) = await OursInstances(api, processId, count, concurrency);
                        results.Peer.Add(new PeerRow(processId, "ours (HTTP host, Table Storage)", concurrency, ours, complete));
                        Log($"peer {processId} c={concurrency}: memory {memory.InstancesPerSecond:0.0}/s, tables {tables.InstancesPerSecond:0.0}/s, ours {ours:0.0}/s");
                    }
                }
            }
        }

        if (options.Runs("search"))
        {
            await SearchSection.RunAsync(options, results, root, Log);
        }

        if (options.Runs("interpreter"))
        {
            foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                var (instances, commandsPerSecond, micros) = InterpreterBench.Run(Path.Combine(processes, "approval-5.bpmn"), options.InterpreterInstances, threads);
                results.Interpreter.Add((threads, instances, commandsPerSecond, micros));
                Log($"interpreter, {threads} thread(s): {instances:0} instances/s ({commandsPerSecond:0} commands/s)");
            }
        }

        results.Duration = total.Elapsed;
        var output = options.OutputDirectory ?? Path.Combine(root, "bench", "results");
        var written = ReportWriter.Write(results, output);
        Log($"report: {written}");
        return 0;

        void Keep(string command, IReadOnlyList<StorageRequest> trace)
        {
            // Background work (key lease renewal, the outbox sweeper) can only add requests: keep the smallest recording.
            // Among those, keep the one with the fewest waves: requests the command sends in parallel can look
            // sequential in one recording (on few cores one batch may be answered before the next is sent), and a
            // replay of that recording would wait for answers the command does not wait for.
            if (!results.Traces.TryGetValue(command, out var kept) || trace.Count < kept.Count
                || (trace.Count == kept.Count && RawReplay.Waves(trace).Count < RawReplay.Waves(kept).Count))
            {
                results.Traces[command] = trace;
            }
        }

        async Task RawPoint(string command, int concurrency)
        {
            if (replays.TryGetValue(command, out var replay))
            {
                await replay.PrepareRunsAsync(n);
                var latencies = await Load.RunAsync(n, concurrency, replay.RunAsync);
                results.Raw.Add(new CommandRow(command, concurrency, latencies, replay.RoundTrips, replay.CriticalPath));
                Log($"raw {command} c={concurrency}: {latencies.PerSecond:0} ops/s, p50 {latencies.P50:0.0} ms, p99 {latencies.P99:0.0} ms");
            }
        }

        // before: the raw point of the same command and concurrency, measured just before the HTTP one.
        async Task HttpRound(TaskApi api, int count, int concurrency, bool record, Func<string, int, Task>? before = null)
        {
            before ??= (_, _) => Task.CompletedTask;
            var instances = new long[count];
            var tasks = new long[count];
            await before("start", concurrency);
            var start = await Load.RunAsync(count, concurrency, async i => instances[i] = await api.StartAsync("benchTwoTasks"));
            await Load.RunAsync(count, 8, async i => tasks[i] = await api.OpenTaskAsync(instances[i]));
            await before("claim", concurrency);
            var claim = await Load.RunAsync(count, concurrency, i => api.ClaimAsync(tasks[i]));
            await before("complete", concurrency);
            var complete = await Load.RunAsync(count, concurrency, i => api.CompleteAsync(tasks[i]));
            await before("search", concurrency);
            var search = await Load.RunAsync(count, concurrency, _ => api.SearchAsync(searchFilter));
            if (!record)
            {
                return;
            }

            foreach (var (command, latencies) in new[] { ("start", start), ("claim", claim), ("complete", complete), ("search", search) })
            {
                var trace = results.Traces.GetValueOrDefault(command) ?? [];
                results.Http.Add(new CommandRow(command, concurrency, latencies, trace.Count, RawReplay.Waves(trace).Count));
                Log($"http {command} c={concurrency}: {latencies.PerSecond:0} ops/s, p50 {latencies.P50:0.0} ms, p99 {latencies.P99:0.0} ms");
            }
        }

        // Ours on the peer's workload: start the one-task process, find its task, complete it; instances/s over the whole.
        async Task<(double InstancesPerSecond, Latencies Complete)> OursInstances(TaskApi api, string processId, int count, int concurrency)
        {
            var completion = new double[count];
            var whole = await Load.RunAsync(count, concurrency, async i =>
            {
                var task = await api.OpenTaskAsync(await api.StartAsync(processId));
                var started = Stopwatch.GetTimestamp();
                await api.CompleteAsync(task);
                completion[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
            return (whole.PerSecond, Latencies.Of(completion, whole.Seconds));
        }

        static string RepositoryRoot()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "TaskFunctions.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }

            throw new DirectoryNotFoundException("Run the benchmark from inside the repository (TaskFunctions.sln was not found).");
        }
    }
}
