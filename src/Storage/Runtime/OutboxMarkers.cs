using System.Globalization;
using Azure;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// "This instance may have an unprojected outbox" markers, so the sweeper finds interrupted projections without
/// scanning the instances table: rows in <c>{hub}Keys</c> with PartitionKey <c>outbox-pending-{shard:D2}</c>
/// (16 shards by instance key, against a hot partition), RowKey <c>{instanceKey}|{commandId}</c>, column
/// <c>WrittenAt</c>. Each command has its own marker: written before its commit, deleted by that command after its
/// projection or by the sweeper after it projected the instance's outbox — never by another command, so no command
/// can remove the mark of another's unprojected outbox row. (Markers written before per-command rows have the
/// instance key alone as RowKey; they are found and cleared the same way.)
/// </summary>
public sealed class OutboxMarkers(TaskHub hub, TimeProvider time)
{
    public const int ShardCount = 16;
    public const string PartitionPrefix = "outbox-pending-";
    private const char Separator = '|';

    public static string Partition(long processInstanceKey) =>
        PartitionPrefix + (processInstanceKey % ShardCount).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Writes (or refreshes) the marker of one command and returns it with its ETag.</summary>
    public async Task<OutboxMarker> SetAsync(long processInstanceKey, string commandId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        var rowKey = processInstanceKey.ToString(CultureInfo.InvariantCulture) + Separator + commandId;
        var row = new TableEntity(Partition(processInstanceKey), rowKey)
        {
            ["WrittenAt"] = time.GetUtcNow(),
        };
        var etag = (await hub.Keys.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Value;
        return new OutboxMarker(processInstanceKey, rowKey, etag);
    }

    /// <summary>Deletes the marker if it is still the one written with its ETag; one already gone is fine.</summary>
    public async Task ClearAsync(OutboxMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Keys.DeleteEntityAsync(Partition(marker.ProcessInstanceKey), marker.RowKey, marker.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            // Refreshed by a retry of the same command (which clears it itself), or already cleared by the sweeper.
        }
    }

    /// <summary>Markers written before <paramref name="olderThan"/>.</summary>
    public async IAsyncEnumerable<OutboxMarker> FindAsync(
        DateTimeOffset olderThan, int max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = 0;
        for (var shard = 0; shard < ShardCount && found < max; shard++)
        {
            var pk = PartitionPrefix + shard.ToString("D2", CultureInfo.InvariantCulture);
            await foreach (var row in hub.Keys.QueryAsync(
                TableFilter.Create($"PartitionKey eq {pk} and WrittenAt lt {olderThan}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var rowKey = row.RowKey!;
                var end = rowKey.IndexOf(Separator, StringComparison.Ordinal);
                yield return new OutboxMarker(long.Parse(end < 0 ? rowKey : rowKey[..end], CultureInfo.InvariantCulture), rowKey, row.ETag);
                if (++found >= max)
                {
                    yield break;
                }
            }
        }
    }
}
