using System.Globalization;
using System.Text.Json;
using System.Diagnostics;
using Azure;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>
/// The raw limit of a command: its recorded storage requests issued again directly with the Table client, nothing
/// else — no HTTP, no interpreter, no serialization of real state. Requests that overlapped in the recording (the
/// index projection's parallel batches) are sent in parallel here too, and each request waits only for the requests
/// that were answered before it was sent, so the replay has the command's round trips on its critical path.
/// </summary>
public sealed class RawReplay
{
    private const string SeedPartition = "seed";
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly IReadOnlyList<IReadOnlyList<StorageRequest>> _waves;
    private readonly IReadOnlyList<StorageRequest> _ordered;
    private readonly IReadOnlyList<int[]> _after;
    private const string TypeSuffix = "@odata.type";
    private readonly string _recordedHub;
    private readonly long[] _offsets;
    private int _generation;
    private Run[] _runs = [];

    /// <summary>When each request is released; <see cref="ReplayPacing.Dependencies"/> unless a comparison asks otherwise.</summary>
    public ReplayPacing Pacing { get; init; } = ReplayPacing.Dependencies;

    /// <summary>
    /// Gives every replayed row the same few row keys (e000, e001, … in a partition per run and request), as the first
    /// replay did: kept only to measure what that cost. Azurite indexes a table's rows by RowKey, so a point lookup
    /// (every update, delete, upsert and read) walks all rows sharing the key — with shared keys, the whole table.
    /// </summary>
    public bool SharedRowKeys { get; init; }

    public RawReplay(TableServiceClient service, string prefix, string recordedHub, IReadOnlyList<StorageRequest> trace)
    {
        _service = service;
        _prefix = prefix;
        _recordedHub = recordedHub;
        _waves = Waves(trace);
        _ordered = _waves.SelectMany(w => w).ToList();
        _after = _ordered
            .Select(request => Enumerable.Range(0, _ordered.Count).Where(j => _ordered[j].EndTicks <= request.StartTicks).ToArray())
            .ToList();
        var first = _ordered.Count > 0 ? _ordered.Min(r => r.StartTicks) : 0;
        _offsets = _ordered.Select(r => r.StartTicks - first).ToArray();
    }

    public int RoundTrips => _waves.Sum(w => w.Count);

    public int CriticalPath => _waves.Count;

    /// <summary>
    /// Groups a trace into waves: a request joins the current wave when it started before any request of the wave
    /// had finished, i.e. it was sent concurrently rather than after an answer.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<StorageRequest>> Waves(IReadOnlyList<StorageRequest> trace)
    {
        var waves = new List<IReadOnlyList<StorageRequest>>();
        var current = new List<StorageRequest>();
        var earliestEnd = long.MaxValue;
        foreach (var request in trace.OrderBy(r => r.StartTicks))
        {
            if (current.Count > 0 && request.StartTicks >= earliestEnd)
            {
                waves.Add(current);
                current = [];
                earliestEnd = long.MaxValue;
            }

            current.Add(request);
            earliestEnd = Math.Min(earliestEnd, request.EndTicks);
        }

        if (current.Count > 0)
        {
            waves.Add(current);
        }

        return waves;
    }

    /// <summary>
    /// Creates the tables, and the rows the replayed reads and queries find: for each recorded read or query, the
    /// entities it returned (same properties and values, so the same sizes), in a partition of its own.
    /// </summary>
    public async Task PrepareAsync()
    {
        foreach (var table in _waves.SelectMany(w => w).Select(r => r.Table).Distinct())
        {
            await Table(table).CreateIfNotExistsAsync();
        }

        var index = 0;
        foreach (var request in _waves.SelectMany(w => w))
        {
            var partition = SeedPartition + index++;
            for (var i = 0; i < request.Returned.Count; i++)
            {
                await Table(request.Table).UpsertEntityAsync(Entity(request.Returned[i], partition, $"row{i:D4}"), TableUpdateMode.Replace);
            }
        }
    }

    /// <summary>
    /// Creates, outside the timed part, the rows that <paramref name="count"/> replays update or delete with
    /// If-Match, and keeps their ETags: the command read or wrote those rows in an earlier request (counted in the
    /// trace), so its conditional writes carry valid ETags and succeed; the replay's must too.
    /// </summary>
    public async Task PrepareRunsAsync(int count)
    {
        var generation = Interlocked.Increment(ref _generation);
        var runs = new Run[count];
        await Load.RunAsync(count, 16, async run =>
        {
            var state = new Run($"g{generation}-r{run}");
            var index = 0;
            foreach (var request in _waves.SelectMany(w => w))
            {
                var partition = $"{state.Prefix}-{index}";
                var existing = request.Writes
                    .Select((write, i) => (write, i))
                    .Where(w => NeedsRow(w.write))
                    .Select(w => new TableTransactionAction(
                        TableTransactionActionType.UpsertReplace, Entity(w.write.Body, partition, RowKey(state, index, w.i))))
                    .ToList();
                if (existing.Count > 0)
                {
                    var results = (await Table(request.Table).SubmitTransactionAsync(existing)).Value;
                    for (var i = 0; i < existing.Count; i++)
                    {
                        state.ETags[(index, existing[i].Entity.RowKey!)] = results[i].ETag!.Value;
                    }
                }

                index++;
            }

            runs[run] = state;
        });
        _runs = runs;
    }

    /// <summary>
    /// Replays the command once, on the rows <see cref="PrepareRunsAsync"/> made for run <paramref name="run"/>. Each
    /// request is sent as soon as the requests it waited for in the recording (those answered before it was sent) are
    /// answered, not when a whole wave is: the command's independent chains (the projection of two tasks, each
    /// read → write → batches → manifest) do not wait for each other, and a barrier per wave would add waits the
    /// command does not have.
    /// </summary>
    public async Task RunAsync(int run)
    {
        var state = _runs[run];
        switch (Pacing)
        {
            case ReplayPacing.Sequential:
                for (var i = 0; i < _ordered.Count; i++)
                {
                    await SendAsync(_ordered[i], state, i);
                }

                return;
            case ReplayPacing.Waves:
                var index = 0;
                foreach (var wave in _waves)
                {
                    var from = index;
                    await Task.WhenAll(wave.Select((request, k) => SendAsync(request, state, from + k)));
                    index += wave.Count;
                }

                return;
        }

        var began = Stopwatch.GetTimestamp();
        var sent = new Task[_ordered.Count];
        for (var i = 0; i < _ordered.Count; i++)
        {
            var due = Pacing == ReplayPacing.Offsets ? began + _offsets[i] : 0;
            sent[i] = SendAfterAsync(_after[i].Select(j => sent[j]).ToArray(), due, _ordered[i], state, i);
        }

        await Task.WhenAll(sent);
    }

    private async Task SendAfterAsync(Task[] after, long due, StorageRequest request, Run state, int index)
    {
        await Task.WhenAll(after);
        if (due > 0 && Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { Ticks: > 0 } wait)
        {
            // Not before the host sent it: sleeps below a millisecond are spun, the timer's resolution is coarser.
            while (Stopwatch.GetTimestamp() < due)
            {
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }

                wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            }
        }

        await SendAsync(request, state, index);
    }

    private async Task SendAsync(StorageRequest request, Run state, int index)
    {
        var table = Table(request.Table);
        var partition = $"{state.Prefix}-{index}";
        switch (request.Kind)
        {
            case "read":
                await table.GetEntityIfExistsAsync(SeedPartition + index, request.Returned.Count > 0 ? "row0000" : "absent", Select(request.Select));
                return;
            case "query":
                await foreach (var page in table.QueryAsync($"PartitionKey eq '{SeedPartition}{index}'", request.Top, Select(request.Select)).AsPages())
                {
                    // One page, as the command reads one (a search asks for its page and counts with its own queries).
                    break;
                }

                return;
            case "batch":
                var actions = request.Writes.Select((write, i) => Action(write, partition, RowKey(state, index, i), state, index)).ToList();
                await OnceAsync(() => table.SubmitTransactionAsync(actions));
                return;
        }

        var single = request.Writes.Count == 1 ? request.Writes[0] : throw new InvalidOperationException($"A {request.Kind} request without its entity was recorded.");
        var action = Action(single, partition, RowKey(state, index, 0), state, index);
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                await OnceAsync(() => table.AddEntityAsync(action.Entity));
                break;
            case TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace:
                await OnceAsync(() => table.UpsertEntityAsync(action.Entity, action.ActionType == TableTransactionActionType.UpsertMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace));
                break;
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace:
                await OnceAsync(() => table.UpdateEntityAsync(action.Entity, action.ETag, action.ActionType == TableTransactionActionType.UpdateMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace));
                break;
            case TableTransactionActionType.Delete:
                await OnceAsync(() => table.DeleteEntityAsync(action.Entity.PartitionKey!, action.Entity.RowKey!, action.ETag));
                break;
        }
    }

    /// <summary>
    /// Sends a write and counts it when the pipeline sent it more than once. A resent write whose earlier attempt was
    /// applied but not answered (the answer timed out or the connection dropped) finds its work done — 404 on a delete,
    /// 409 on an insert, 412 on a conditional write, for a batch on its first such action — and is counted as applied
    /// by that attempt: every replayed row belongs to one run, so nothing else can have changed it. The same status on
    /// a first attempt is a real failure and stops the run.
    /// </summary>
    private async Task OnceAsync(Func<Task> write)
    {
        var attempts = AttemptCounter.Begin();
        try
        {
            await write();
        }
        catch (TableRequestFailedException e) when (attempts.Value > 1 && e.Status is 404 or 409 or 412)
        {
            Interlocked.Increment(ref _appliedBeforeResend);
        }
        finally
        {
            if (attempts.Value > 1)
            {
                Interlocked.Increment(ref _resent);
            }
        }
    }

    private int _resent;
    private int _appliedBeforeResend;

    /// <summary>Returns, and resets, how many writes the pipeline sent more than once and how many of those found their earlier attempt applied.</summary>
    public (int Resent, int AppliedBeforeResend) TakeResends() =>
        (Interlocked.Exchange(ref _resent, 0), Interlocked.Exchange(ref _appliedBeforeResend, 0));

    /// <summary>A Table client for the replay: the storage layer's client and retry settings, plus the attempt counter.</summary>
    public static TableServiceClient CreateClient(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new AttemptCounter(), Azure.Core.HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    /// <summary>Counts the attempts of the request sent from the current async flow (set by <see cref="Begin"/>).</summary>
    private sealed class AttemptCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private static readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<int>?> Current = new();

        public static System.Runtime.CompilerServices.StrongBox<int> Begin() => Current.Value = new System.Runtime.CompilerServices.StrongBox<int>();

        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            if (Current.Value is { } box)
            {
                Interlocked.Increment(ref box.Value);
            }
        }
    }

    /// <summary>The recorded write as an action on this run's row, with the ETag of the row prepared for it when it was conditional.</summary>
    private static TableTransactionAction Action(EntityOperation write, string partition, string rowKey, Run state, int index)
    {
        var entity = write.Method == "DELETE" ? new TableEntity(partition, rowKey) : Entity(write.Body, partition, rowKey);
        var etag = NeedsRow(write) ? (write.IfMatch == "*" ? ETag.All : state.ETags[(index, rowKey)]) : default;
        var type = (write.Method, Conditional: write.IfMatch is not null) switch
        {
            ("POST", _) => TableTransactionActionType.Add,
            ("DELETE", _) => TableTransactionActionType.Delete,
            ("PUT", true) => TableTransactionActionType.UpdateReplace,
            ("PUT", false) => TableTransactionActionType.UpsertReplace,
            ("MERGE" or "PATCH", true) => TableTransactionActionType.UpdateMerge,
            ("MERGE" or "PATCH", false) => TableTransactionActionType.UpsertMerge,
            _ => throw new InvalidOperationException($"The replay does not know writes of method '{write.Method}'."),
        };
        return new TableTransactionAction(type, entity, etag);
    }

    /// <summary>Updates and deletes (If-Match present) act on an existing row; inserts and upserts do not need one.</summary>
    private static bool NeedsRow(EntityOperation write) => write.IfMatch is not null;

    private string RowKey(Run state, int index, int i) => SharedRowKeys ? $"e{i:D3}" : $"{state.Prefix}-{index}-e{i:D3}";

    private static IEnumerable<string>? Select(string? select) => select?.Split(',');

    private TableClient Table(string recorded) =>
        _service.GetTableClient(_prefix + (recorded.StartsWith(_recordedHub, StringComparison.Ordinal) ? recorded[_recordedHub.Length..] : recorded));

    /// <summary>The recorded entity JSON as a row with the same properties and values, under other keys.</summary>
    private static TableEntity Entity(string json, string partition, string rowKey)
    {
        // Parsed once per recorded entity, so the timed replay spends no CPU on JSON the command did not parse.
        var entity = new TableEntity(partition, rowKey);
        foreach (var (name, value) in Templates.GetOrAdd(json, Parse))
        {
            entity[name] = value;
        }

        return entity;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableEntity> Templates = new(StringComparer.Ordinal);

    private static TableEntity Parse(string json)
    {
        var entity = new TableEntity();
        if (string.IsNullOrWhiteSpace(json))
        {
            return entity;
        }

        using var document = JsonDocument.Parse(json);
        var types = document.RootElement.EnumerateObject()
            .Where(p => p.Name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            .ToDictionary(p => p.Name[..^TypeSuffix.Length], p => p.Value.GetString());
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal)
                || name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName)
            {
                continue;
            }

            var value = property.Value;
            entity[name] = types.GetValueOrDefault(name) switch
            {
                "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
                "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Edm.Guid" => Guid.Parse(value.GetString()!),
                "Edm.Double" => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                _ => value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when value.TryGetInt32(out var number) => number,
                    JsonValueKind.Number => value.GetDouble(),
                    _ => null,
                },
            };
        }

        return entity;
    }

    /// <summary>One replay's row keys and the ETags of its prepared rows (by request index and row key).</summary>
    private sealed record Run(string Prefix)
    {
        public Dictionary<(int Request, string RowKey), ETag> ETags { get; } = [];
    }
}

/// <summary>When the replay releases each recorded request.</summary>
public enum ReplayPacing
{
    /// <summary>As soon as the requests answered before it was sent in the recording are answered.</summary>
    Dependencies,

    /// <summary>Like <see cref="Dependencies"/>, and not before the offset from the command's first request at which the host sent it.</summary>
    Offsets,

    /// <summary>Wave by wave: every request of a wave at once, the next wave when all are answered.</summary>
    Waves,

    /// <summary>One request at a time, in recorded order.</summary>
    Sequential,
}
