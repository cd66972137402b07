using Azure;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The per-task manifest row (<c>PK = task|{userTaskKey}</c>, <c>RK = ""</c>): the indexed task version, which
/// determines exactly the rows it owns, and — while a projection runs — the pending version. A projection first
/// records itself as pending, then writes the rows, then commits; a crash leaves the pending version behind, and the
/// next projection deletes the rows of both versions that the new one does not own, so the index always converges.
/// </summary>
internal sealed record IndexManifest(UserTask? Indexed, UserTask? Pending, ETag ETag)
{
    public const string RowKey = "";
    private const string IndexedProperty = "Task";
    private const string PendingProperty = "Pending";

    public static async Task<IndexManifest?> ReadAsync(TableClient table, long userTaskKey, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync(IndexKeys.ManifestPartitionKey(userTaskKey), RowKey, cancellationToken: ct).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } row)
        {
            return null;
        }

        var indexed = LargeStringProperty.Read(row, IndexedProperty);
        var pending = LargeStringProperty.Read(row, PendingProperty);
        return new IndexManifest(
            indexed is null ? null : UserTaskJson.Deserialize(indexed),
            pending is null ? null : UserTaskJson.Deserialize(pending),
            row.ETag);
    }

    public static TableEntity Row(long userTaskKey, UserTask? indexed, UserTask? pending, DateTimeOffset at)
    {
        var row = new TableEntity(IndexKeys.ManifestPartitionKey(userTaskKey), RowKey)
        {
            ["Version"] = indexed?.Version,
            ["PendingVersion"] = pending?.Version,
            ["UpdatedAt"] = at,
        };
        LargeStringProperty.Write(row, IndexedProperty, indexed is null ? null : UserTaskJson.Serialize(indexed));
        LargeStringProperty.Write(row, PendingProperty, pending is null ? null : UserTaskJson.Serialize(pending));
        return row;
    }
}
