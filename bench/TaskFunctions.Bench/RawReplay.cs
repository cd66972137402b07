using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>
/// The raw limit of a command: its recorded storage requests issued again directly with the Table client, nothing
/// else — no HTTP, no interpreter, no serialization of real state. Requests that overlapped in the recording (the
/// index projection's parallel batches) are sent in parallel here too, so the replay has the command's round trips
/// on its critical path.
/// </summary>
public sealed class RawReplay
{
    private const string SeedPartition = "seed";
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly IReadOnlyList<IReadOnlyList<StorageRequest>> _waves;
    private readonly string _recordedHub;

    public RawReplay(TableServiceClient service, string prefix, string recordedHub, IReadOnlyList<StorageRequest> trace)
    {
        _service = service;
        _prefix = prefix;
        _recordedHub = recordedHub;
        _waves = Waves(trace);
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

    /// <summary>Creates the tables and the rows the replayed reads and queries find.</summary>
    public async Task PrepareAsync()
    {
        foreach (var table in _waves.SelectMany(w => w).Select(r => r.Table).Distinct())
        {
            var client = Table(table);
            await client.CreateIfNotExistsAsync();
            for (var i = 0; i < 3; i++)
            {
                await client.UpsertEntityAsync(Entity(SeedPartition, $"row{i}", 4_000));
            }
        }
    }

    /// <summary>Replays the command once; <paramref name="operation"/> makes its partitions its own.</summary>
    public async Task RunAsync(int operation)
    {
        var written = new Stack<(string Table, string Pk, string Rk)>();
        var batch = 0;
        foreach (var wave in _waves)
        {
            await Task.WhenAll(wave.Select(request => SendAsync(request, operation, written, batch++)));
        }
    }

    private async Task SendAsync(StorageRequest request, int operation, Stack<(string, string, string)> written, int index)
    {
        var table = Table(request.Table);
        var pk = $"op{operation}-{Guid.NewGuid():N}";
        switch (request.Kind)
        {
            case "read":
                await table.GetEntityIfExistsAsync(SeedPartition, "row0");
                break;
            case "query":
                await foreach (var _ in table.QueryAsync($"PartitionKey eq '{SeedPartition}'", maxPerPage: 50))
                {
                }

                break;
            case "insert":
                await table.AddEntityAsync(Entity(pk, "r", request.BodyBytes));
                Remember(written, request.Table, pk, "r");
                break;
            case "upsert" or "update":
                // An update of a row whose ETag the replay does not know is sent as an upsert: the same single write.
                await table.UpsertEntityAsync(Entity(pk, "r", request.BodyBytes));
                Remember(written, request.Table, pk, "r");
                break;
            case "delete":
                (string Table, string Pk, string Rk) target;
                lock (written)
                {
                    target = written.Count > 0 ? written.Pop() : (request.Table, pk, "absent");
                }

                try
                {
                    await Table(target.Table).DeleteEntityAsync(target.Pk, target.Rk);
                }
                catch (TableRequestFailedException e) when (e.Kind == TableErrorKind.NotFound)
                {
                    // Deleting an absent row is still one round trip, as in the recording.
                }

                break;
            case "batch":
                var per = request.BodyBytes / Math.Max(1, request.Operations);
                var actions = Enumerable.Range(0, request.Operations)
                    .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(pk, $"b{index}-{i}", per)))
                    .ToList();
                await table.SubmitTransactionAsync(actions);
                Remember(written, request.Table, pk, $"b{index}-0");
                break;
            default:
                throw new InvalidOperationException($"The replay does not know requests of kind '{request.Kind}'.");
        }
    }

    private static void Remember(Stack<(string, string, string)> written, string table, string pk, string rk)
    {
        lock (written)
        {
            written.Push((table, pk, rk));
        }
    }

    private TableClient Table(string recorded) =>
        _service.GetTableClient(_prefix + (recorded.StartsWith(_recordedHub, StringComparison.Ordinal) ? recorded[_recordedHub.Length..] : recorded));

    /// <summary>A row whose payload has about <paramref name="bytes"/> characters (split across 30K properties).</summary>
    private static TableEntity Entity(string pk, string rk, long bytes)
    {
        var entity = new TableEntity(pk, rk);
        var left = (int)Math.Clamp(bytes - 300, 16, 900_000);
        for (var i = 0; left > 0; i++, left -= 30_000)
        {
            entity[$"d{i}"] = new string('x', Math.Min(left, 30_000));
        }

        return entity;
    }
}
