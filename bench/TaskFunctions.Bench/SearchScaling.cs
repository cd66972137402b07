using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>One size of the index: how it was seeded and what the emulator weighed afterwards.</summary>
public sealed record SeedingRow(int OpenTasks, double Seconds, double TasksPerSecond, long Rows, long Requests, long AzuriteRssBytes);

/// <summary>One seeding step: the table after it, how fast its rows went in, and the emulator's memory.</summary>
public sealed record SeedingStep(int OpenTasks, long RowsInTable, double RowsPerSecond, long AzuriteRssBytes);

/// <summary>
/// Search latency against the number of open tasks. The index is seeded in bulk with exactly the rows the runtime's
/// projection writes (<see cref="IndexBulkSeed"/>; a storage test checks both give the same rows and pages), then
/// each search runs one after another and is timed, next to a fixed control query on the same table: the emulator's
/// own cost of one small partition read at that table size. Each search is also run once through a counting client:
/// its storage requests and the rows they returned.
/// </summary>
public sealed class SearchScaling
{
    public const int Users = 100;
    public const int Groups = 50;

    /// <summary>Rows of the control partition: one page of the same shape as a search's.</summary>
    public const int ControlRows = 50;

    /// <summary>Tasks seeded per step: the seeding stops between steps when its time is up.</summary>
    private const int SeedStep = 2_500;

    private const string ControlPartition = "bench|control";

    private readonly TaskHub _hub;
    private readonly TaskHub _countedHub;
    private readonly StorageCounter _counter = new();
    private readonly Action<string> _log;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private int _seeded;
    private long _rowsInTable = ControlRows;

    public SearchScaling(string connectionString, string hubName, Action<string> log)
    {
        _hub = new TaskHub(new TableServiceClient(connectionString), hubName);
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerCall);
        _countedHub = new TaskHub(new TableServiceClient(connectionString, options), hubName);
        _log = log;
    }

    /// <summary>The three searches of the issue, by name.</summary>
    public static IReadOnlyList<(string Name, UserTaskFilter Filter)> Queries { get; } =
    [
        ("assigned to X", new UserTaskFilter { Assignee = "user12", State = UserTaskState.Created }),
        ("claimable by group G", new UserTaskFilter { ClaimableBy = new EligibleUser("somebody", ["group6"]) }),
        ("overdue", new UserTaskFilter { Overdue = true, State = UserTaskState.Created }),
    ];

    public int Seeded => _seeded;

    /// <summary>Every seeding step so far.</summary>
    public List<SeedingStep> Steps { get; } = [];

    /// <summary>Creates the tables and the control partition: 50 index rows of 50 other tasks, never searched.</summary>
    public async Task PrepareAsync()
    {
        await _hub.CreateTablesAsync();
        var rows = Enumerable.Range(0, ControlRows).Select(i =>
        {
            var task = Task(9_000_000 + i);
            var creation = IndexRows.KeysOf(task).First().RowKey;
            return new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, IndexRows.Create(ControlPartition, creation, task, UserTaskJson.Serialize(task)));
        });
        await _hub.TaskIndex.SubmitTransactionAsync(rows);
    }

    /// <summary>
    /// Adds open tasks until the index holds <paramref name="total"/>, in steps of 10,000; stops after a step when
    /// <paramref name="deadline"/> has passed.
    /// </summary>
    public async Task<SeedingRow> SeedToAsync(int total, DateTimeOffset deadline, int parallelism, int azuritePid)
    {
        var from = _seeded;
        long rows = 0, requests = 0;
        var watch = Stopwatch.StartNew();
        while (_seeded < total && DateTimeOffset.UtcNow < deadline)
        {
            var step = Math.Min(SeedStep, total - _seeded);
            var tasks = Enumerable.Range(_seeded, step).Select(i => Task(i)).ToList();
            var stepWatch = Stopwatch.StartNew();
            var sent = await IndexBulkSeed.SeedAsync(_hub.TaskIndex, tasks, _now, parallelism, CancellationToken.None);
            rows += sent.Rows;
            requests += sent.Requests;
            _rowsInTable += sent.Rows;
            _seeded += step;
            Steps.Add(new SeedingStep(_seeded, _rowsInTable, sent.Rows / stepWatch.Elapsed.TotalSeconds, RssBytes(azuritePid)));
            _log(string.Create(CultureInfo.InvariantCulture,
                $"  seeded {_seeded:N0} tasks ({(_seeded - from) / watch.Elapsed.TotalSeconds:0} tasks/s, {rows / watch.Elapsed.TotalSeconds:0} rows/s so far{Rss(azuritePid)})"));
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return new SeedingRow(_seeded, seconds, (_seeded - from) / seconds, rows, requests, RssBytes(azuritePid));
    }

    /// <summary>
    /// Times <paramref name="repeat"/> searches (first page, 50 tasks, by creation date) of one filter, each right
    /// after a control query, so both series see the machine in the same state; then counts one search.
    /// </summary>
    public async Task<(Latencies Search, Latencies Control, int Items, StorageCount Count)> MeasureAsync(UserTaskFilter filter, int repeat)
    {
        var index = new UserTaskIndex(_hub, TimeProvider.System);
        var query = new UserTaskQuery(filter, Limit: 50);
        for (var i = 0; i < 2; i++)
        {
            await ControlAsync(_hub.TaskIndex);
            await index.SearchAsync(query, CancellationToken.None);
        }

        var search = new double[repeat];
        var control = new double[repeat];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ControlAsync(_hub.TaskIndex);
            control[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            await index.SearchAsync(query, CancellationToken.None);
            search[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var seconds = wall.Elapsed.TotalSeconds;
        _counter.Reset();
        var page = await new UserTaskIndex(_countedHub, TimeProvider.System).SearchAsync(query, CancellationToken.None);
        return (Latencies.Of(search, seconds), Latencies.Of(control, seconds), page.Items.Count, _counter.Take());
    }

    /// <summary>The requests and rows of one control query.</summary>
    public async Task<StorageCount> CountControlAsync()
    {
        _counter.Reset();
        await ControlAsync(_countedHub.TaskIndex);
        return _counter.Take();
    }

    /// <summary>
    /// The control query: the raw table client reading the first page (51 rows asked, as a search's page asks) of the
    /// fixed 50-row control partition over a RowKey range, like one partition read of a search.
    /// </summary>
    private static async Task ControlAsync(TableClient table)
    {
        var filter = TableFilter.PartitionKey.Eq(ControlPartition) & TableFilter.RowKey.Gt("ca|") & TableFilter.RowKey.Lt("ca}");
        var rows = 0;
        await foreach (var row in table.QueryAsync(filter, ControlRows + 1))
        {
            rows++;
        }

        if (rows != ControlRows)
        {
            throw new InvalidOperationException($"The control partition returned {rows} rows, not {ControlRows}.");
        }
    }

    private static string Rss(int pid) =>
        pid == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; Azurite RSS {RssBytes(pid) / 1048576.0:N0} MiB");

    /// <summary>The resident memory of a process, from /proc (0 where there is none).</summary>
    public static long RssBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Task i of the seed: assigned to one of 100 users in 4 of 10, candidate group one of 50, overdue in 1 of 10.</summary>
    private UserTask Task(long i)
    {
        var overdue = i % 10 == 3;
        return new UserTask
        {
            UserTaskKey = 4_000_000_000 + i,
            ProcessInstanceKey = 3_000_000_000 + i,
            ElementInstanceKey = 5_000_000_000 + i,
            ProcessDefinitionKey = 2_251_799_813_685_249,
            BpmnProcessId = "benchSearch",
            ElementId = "review",
            Name = "Review",
            Assignee = i % 10 < 4 ? $"user{i % Users}" : null,
            CandidateGroups = [$"group{i % Groups}"],
            DueDate = overdue ? _now.AddDays(-1) : _now.AddDays(7),
            IsOverdue = overdue,
            CreationDate = _now.AddSeconds(-i),
            Priority = (int)(i % 100),
        };
    }
}

/// <summary>
/// Storage requests and the rows they returned; of them, those of the total count (its queries ask for 1,000 rows a
/// page, a page's for 51).
/// </summary>
public readonly record struct StorageCount(long Requests, long Rows, long CountRequests, long CountRows)
{
    public long PageRequests => Requests - CountRequests;

    public long PageRows => Rows - CountRows;
}

/// <summary>
/// Counts requests and the rows their answers carry (the entries of a query's <c>value</c>, one for a point read).
/// Only on the client used for counting: parsing answers would add to the timed searches.
/// </summary>
internal sealed class StorageCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;
    private long _rows;
    private long _countRequests;
    private long _countRows;

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _rows, 0);
        Interlocked.Exchange(ref _countRequests, 0);
        Interlocked.Exchange(ref _countRows, 0);
    }

    public StorageCount Take() => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _rows), Interlocked.Read(ref _countRequests), Interlocked.Read(ref _countRows));

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (IsCount(message))
        {
            Interlocked.Increment(ref _countRequests);
        }
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Response.Content is not { } content)
        {
            return;
        }

        using var json = JsonDocument.Parse(content.ToMemory());
        var rows = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        Interlocked.Add(ref _rows, rows);
        if (IsCount(message))
        {
            Interlocked.Add(ref _countRows, rows);
        }
    }

    private static bool IsCount(HttpMessage message) =>
        message.Request.Uri.Query.Contains(
            string.Create(CultureInfo.InvariantCulture, $"top={UserTaskQuery.MaxLimit}"), StringComparison.OrdinalIgnoreCase);
}

/// <summary>The search section of a run: its own Azurite, seeding size by size, the searches and the control.</summary>
public static class SearchSection
{
    public static async Task RunAsync(BenchOptions options, BenchResults results, string root, Action<string> log)
    {
        // BENCH_SEARCH_CONNECTION points the section at a real Storage account instead: there a query reads only its
        // partition's range, which is what the scaling target is about. The run's tables are deleted afterwards.
        var external = Environment.GetEnvironmentVariable("BENCH_SEARCH_CONNECTION");
        if (!string.IsNullOrWhiteSpace(external))
        {
            var account = TableConnectionString.Parse(external).AccountName;
            var hubName = string.Create(CultureInfo.InvariantCulture, $"BenchSearch{DateTime.UtcNow:yyyyMMddHHmmss}");
            results.SearchAccount = account;
            log($"search: on the Storage account '{account}', tables {hubName}*");
            try
            {
                await RunOnAsync(options, results, new SearchScaling(external, hubName, log), processId: 0, log);
            }
            finally
            {
                foreach (var table in new TaskHub(new TableServiceClient(external), hubName).Tables)
                {
                    await table.DeleteAsync();
                }

                log($"search: deleted the tables {hubName}* on '{account}'");
            }

            return;
        }

        // An Azurite of its own: a table of millions of rows would slow the other sections' emulator, and this one is
        // stopped (its memory freed) when the section ends. Node's default heap is far too small for that table.
        var heapMb = NodeHeapMegabytes();
        var previous = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        AzuriteProcess azurite;
        Environment.SetEnvironmentVariable("NODE_OPTIONS", string.Create(CultureInfo.InvariantCulture, $"{previous} --max-old-space-size={heapMb}").Trim());
        try
        {
            azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { Port = HostProcess.FreePort(), ToolsDirectory = root });
        }
        finally
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", previous);
        }

        await using var _ = azurite;
        results.SearchHeapMegabytes = heapMb;
        results.SearchBaseRssBytes = SearchScaling.RssBytes(azurite.ProcessId);
        log($"search: its own Azurite on port {azurite.Port} (in memory, Node heap up to {heapMb:N0} MiB)");
        await RunOnAsync(options, results, new SearchScaling(azurite.ConnectionString, "BenchSearch", log), azurite.ProcessId, log);
    }

    /// <summary>Seeds size by size and times the searches; <paramref name="processId"/> is the emulator's (0: none).</summary>
    private static async Task RunOnAsync(BenchOptions options, BenchResults results, SearchScaling scaling, int processId, Action<string> log)
    {
        await scaling.PrepareAsync();
        var started = Stopwatch.StartNew();
        foreach (var size in options.SearchSizes)
        {
            if (started.Elapsed >= options.SeedingBudget)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Search scaling stopped at {scaling.Seeded:N0} open tasks: the section's budget of {options.SeedingBudget.TotalMinutes:0} min was used up before seeding toward {size:N0}."));
                break;
            }

            var seeding = await scaling.SeedToAsync(size, DateTimeOffset.UtcNow + options.SeedingBudget - started.Elapsed, options.SeedParallelism, processId);
            var reached = scaling.Seeded;
            if (reached < size)
            {
                results.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Search scaling: seeding toward {size:N0} open tasks ran out of the section's budget ({options.SeedingBudget.TotalMinutes:0} min) at {reached:N0}; the last row is measured there."));
            }

            results.Seeding.Add(seeding);
            log(string.Create(CultureInfo.InvariantCulture,
                $"index holds {reached:N0} open tasks (seeded {seeding.Rows:N0} rows in {seeding.Seconds:0.0} s: {seeding.TasksPerSecond:0} tasks/s, {seeding.Rows / seeding.Seconds:0} rows/s, {seeding.Requests:N0} requests{(processId == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; Azurite RSS {seeding.AzuriteRssBytes / 1048576.0:N0} MiB"))})"));
            var repeat = options.SearchesAt(reached);
            results.SearchRepeats[reached] = repeat;
            var controls = new List<Latencies>();
            foreach (var (name, filter) in SearchScaling.Queries)
            {
                var (latencies, control, items, count) = await scaling.MeasureAsync(filter, repeat);
                results.Search.Add(new SearchRow(name, reached, latencies, items, count, control));
                controls.Add(control);
                log($"  {name}: p50 {latencies.P50:0.0} ms, p99 {latencies.P99:0.0} ms; control p50 {control.P50:0.0} ms, p99 {control.P99:0.0} ms ({items} items; page {count.PageRequests} requests, {count.PageRows} rows; count {count.CountRequests} requests, {count.CountRows} rows)");
            }

            // The control of the chart: every control query at this size, whichever search it was paired with.
            results.SearchControl.Add(new SearchControlRow(
                reached,
                new Latencies(controls.Sum(c => c.Count), controls.Sum(c => c.Seconds), controls.Average(c => c.P50), controls.Average(c => c.P95), controls.Max(c => c.P99), controls.Average(c => c.Mean)),
                await scaling.CountControlAsync()));

            if (reached < size)
            {
                break;
            }
        }

        results.SearchSeconds = started.Elapsed.TotalSeconds;
        results.SeedingSteps.AddRange(scaling.Steps);
    }

    /// <summary>Two thirds of the machine's memory, at most 16 GiB: room for millions of rows, some left for the rest.</summary>
    private static int NodeHeapMegabytes()
    {
        var total = MemoryTotalMegabytes();
        return (int)Math.Clamp(total * 2 / 3, 2_048, 16_384);
    }

    private static long MemoryTotalMegabytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 8_192;
        }
    }
}
