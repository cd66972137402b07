using Azure;
using System.Collections.Concurrent;
using System.Globalization;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Keys;

/// <summary>
/// Immutable lookups user task key / job key / incident key → process instance key, one row per key in <c>{hub}Keys</c>
/// (PartitionKey = the key in decimal, RowKey = "", columns <c>ProcessInstanceKey</c>, <c>Kind</c>), cached in
/// memory since they never change. They are written before the command that creates the key commits (another
/// table cannot join its transaction): a lookup for a key that never committed is harmless, a missing one is not.
/// </summary>
public sealed class KeyLookup(TaskHub hub)
{
    private const int MaxCached = 200_000;
    private const int MaxParallelWrites = 16;
    private readonly ConcurrentDictionary<long, long> _cache = new();

    /// <summary>Writes the lookup rows (idempotent), in parallel because each key is its own partition.</summary>
    public async Task RecordAsync(IEnumerable<(long Key, string Kind)> keys, long processInstanceKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pending = keys.Where(k => !_cache.ContainsKey(k.Key)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var row = new TableEntity(item.Key.ToString(CultureInfo.InvariantCulture), string.Empty)
                    {
                        ["ProcessInstanceKey"] = processInstanceKey,
                        ["Kind"] = item.Kind,
                    };
                    await hub.Keys.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException("Could not record key lookups: storage is unavailable.", ex);
        }

        foreach (var item in pending)
        {
            Remember(item.Key, processInstanceKey);
        }
    }

    /// <summary>The process instance of a user task or job key, or null for an unknown key.</summary>
    public async Task<long?> FindProcessInstanceAsync(long key, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (key <= 0)
        {
            return null;
        }

        NullableResponse<TableEntity> row;
        try
        {
            row = await hub.Keys.GetEntityIfExistsAsync(key.ToString(CultureInfo.InvariantCulture), string.Empty, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException("Could not look the key up: storage is unavailable.", ex);
        }

        if (!row.HasValue || row.Value!.GetInt64("ProcessInstanceKey") is not { } instanceKey)
        {
            return null;
        }

        Remember(key, instanceKey);
        return instanceKey;
    }

    private void Remember(long key, long instanceKey)
    {
        // A crude bound: the lookups are cheap to read again, so dropping them all is fine.
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[key] = instanceKey;
    }
}
