using Azure;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The per-task manifest row (<c>PK = task|{userTaskKey}</c>, <c>RK = ""</c>): the indexed task version, which
/// determines exactly the rows it owns, and — while a projection runs — the pending version. A projection first
/// records itself as pending, then writes the rows, then commits; a crash leaves the pending version behind, and the
/// next projection deletes the rows of both versions that the new one does not own, so the index always converges.
/// A projection that takes over another's pending version keeps that version in <see cref="Stale"/> until it
/// commits: if it fails too, the next one still knows those rows may exist and removes them.
/// </summary>
internal sealed record IndexManifest(UserTask? Indexed, UserTask? Pending, ETag ETag, IReadOnlyList<UserTask>? Stale = null)
{
    public const string RowKey = "";
    private const string IndexedProperty = "Task";
    private const string PendingProperty = "Pending";
    private const string StaleProperty = "Stale";

    public static async Task<IndexManifest?> ReadAsync(TableClient table, long userTaskKey, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync(IndexKeys.ManifestPartitionKey(userTaskKey), RowKey, cancellationToken: ct).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } row)
        {
            return null;
        }

        var indexed = LargeStringProperty.Read(row, IndexedProperty);
        var pending = LargeStringProperty.Read(row, PendingProperty);
        var stale = LargeStringProperty.Read(row, StaleProperty);
        return new IndexManifest(
            indexed is null ? null : UserTaskJson.Deserialize(indexed),
            pending is null ? null : UserTaskJson.Deserialize(pending),
            row.ETag,
            stale is null ? null : System.Text.Json.JsonSerializer.Deserialize<List<string>>(stale)!.Select(UserTaskJson.Deserialize).ToList());
    }

    public static TableEntity Row(long userTaskKey, UserTask? indexed, UserTask? pending, DateTimeOffset at, IReadOnlyList<UserTask>? stale = null)
    {
        var row = new TableEntity(IndexKeys.ManifestPartitionKey(userTaskKey), RowKey)
        {
            ["Version"] = indexed?.Version,
            ["PendingVersion"] = pending?.Version,
            ["UpdatedAt"] = at,
        };
        LargeStringProperty.Write(row, IndexedProperty, indexed is null ? null : UserTaskJson.Serialize(indexed));
        LargeStringProperty.Write(row, PendingProperty, pending is null ? null : UserTaskJson.Serialize(pending));
        LargeStringProperty.Write(row, StaleProperty, stale is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(stale.Select(UserTaskJson.Serialize).ToList()) : null);
        return row;
    }
}
