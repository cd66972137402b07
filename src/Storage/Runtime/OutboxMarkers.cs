using System.Globalization;
using Azure;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// "This instance may have an unprojected outbox" markers, so the sweeper finds interrupted projections without
/// scanning the instances table: rows in <c>{hub}Keys</c> with PartitionKey <c>outbox-pending-{shard:D2}</c>
/// (16 shards by instance key, against a hot partition), RowKey = the instance key, column <c>WrittenAt</c>.
/// Written before the commit, deleted (If-Match, so a newer command's marker survives) after the projection.
/// </summary>
public sealed class OutboxMarkers(TaskHub hub, TimeProvider time)
{
    public const int ShardCount = 16;
    public const string PartitionPrefix = "outbox-pending-";

    public static string Partition(long processInstanceKey) =>
        PartitionPrefix + (processInstanceKey % ShardCount).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Writes (or refreshes) the marker and returns its ETag.</summary>
    public async Task<ETag> SetAsync(long processInstanceKey, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition(processInstanceKey), processInstanceKey.ToString(CultureInfo.InvariantCulture))
        {
            ["WrittenAt"] = time.GetUtcNow(),
        };
        return (await hub.Keys.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Deletes the marker if it is still the one written with <paramref name="etag"/>.</summary>
    public async Task ClearAsync(long processInstanceKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Keys.DeleteEntityAsync(Partition(processInstanceKey), processInstanceKey.ToString(CultureInfo.InvariantCulture), etag, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.PreconditionFailed)
        {
            // A newer command marked the instance again; its own projection (or the sweeper) clears it.
        }
    }

    /// <summary>Instances marked before <paramref name="olderThan"/>, with the marker's ETag.</summary>
    public async IAsyncEnumerable<(long ProcessInstanceKey, ETag ETag)> FindAsync(
        DateTimeOffset olderThan, int max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = 0;
        for (var shard = 0; shard < ShardCount && found < max; shard++)
        {
            var pk = PartitionPrefix + shard.ToString("D2", CultureInfo.InvariantCulture);
            await foreach (var row in hub.Keys.QueryAsync(
                TableFilter.Create($"PartitionKey eq {pk} and WrittenAt lt {olderThan}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return (long.Parse(row.RowKey!, CultureInfo.InvariantCulture), row.ETag);
                if (++found >= max)
                {
                    yield break;
                }
            }
        }
    }
}
