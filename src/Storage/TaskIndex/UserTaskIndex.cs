using System.Runtime.CompilerServices;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// The task-list query index in <c>{hub}TaskIndex</c>: a projection of the user-task rows, partitioned by the
/// dimensions task lists filter on (see <see cref="IndexDimension"/>), with one row per sort order in each partition,
/// so every query reads a few partitions as RowKey ranges and merges them in sort order — never the whole table.
/// Every row carries the task, so a page needs no other reads. A per-task manifest (<see cref="IndexManifest"/>)
/// makes projection idempotent, version-guarded and repairable.
/// </summary>
public sealed class UserTaskIndex
{
    /// <summary>Conflicting projections of one task re-read the manifest this many times before giving up.</summary>
    private const int MaxProjectionAttempts = 30;

    /// <summary>
    /// Manifests remembered per task: enough for the tasks a host works on at a time. Each holds one copy of the task
    /// (about a kilobyte for a typical one), so the cache stays in the tens of megabytes.
    /// </summary>
    internal const int ManifestCacheCapacity = 10_000;

    private readonly TableClient _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// Per task, a settled manifest (no pending version) with its ETag as this process last wrote or read it. Only a
    /// guess: a projection writes its pending manifest If-Match that ETag, which succeeds only if the row is still
    /// exactly that manifest, so a stale entry costs one failed write and a read, never a wrong projection.
    /// </summary>
    private readonly BoundedCache<long, IndexManifest> _manifests = new(ManifestCacheCapacity);

    public UserTaskIndex(TaskHub hub, TimeProvider time, ILogger<UserTaskIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(time);
        _table = hub.TaskIndex;
        _time = time;
        _logger = logger ?? NullLogger<UserTaskIndex>.Instance;
    }

    /// <summary>Totals count at most this many tasks; past it they are reported as inexact.</summary>
    internal int CountLimit { get; set; } = 10_000;

    /// <summary>
    /// Brings the index to this task version: writes the rows of every partition the task belongs to and removes the
    /// rows it no longer owns. Idempotent; an older version than the indexed one is ignored; a projection that was
    /// interrupted (crash, lost connection) is finished by the next one for the task, whatever its version.
    /// Costs one manifest read when nothing is to do, else the read, two manifest writes and one entity-group
    /// transaction per partition touched. The read is skipped when the manifest can be guessed — the one this process
    /// last wrote for the task, or none for a new task (version 1) — because the pending write verifies the guess
    /// (If-Match the cached ETag, or Add for an absent row) and falls back to the read when it was wrong.
    /// </summary>
    /// <exception cref="InvalidOperationException">Concurrent projections of this task kept conflicting; retry later.</exception>
    public async Task ProjectAsync(UserTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = task.UserTaskKey;
        var written = new List<UserTask>();
        var repairing = false;
        for (var attempt = 1; attempt <= MaxProjectionAttempts; attempt++)
        {
            IndexManifest? manifest = null;
            var guessed = attempt == 1 && TryGuessManifest(task, out manifest);
            if (!guessed)
            {
                manifest = await IndexManifest.ReadAsync(_table, key, ct).ConfigureAwait(false);
                if (manifest is { Pending: null, Stale: null or { Count: 0 } })
                {
                    _manifests.Set(key, manifest);
                }
            }

            if (repairing && manifest?.Pending is not null && attempt < MaxProjectionAttempts / 2)
            {
                // Another projection is under way; it removes the rows of the version we wrote too. Let it finish
                // before repairing after it, instead of invalidating it and being invalidated in turn.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * Math.Min(attempt, 5)), ct).ConfigureAwait(false);
                continue;
            }

            var target = Newest(task, manifest?.Pending, manifest?.Indexed);
            if (!repairing && manifest is { Pending: null, Indexed: { } indexed } && indexed.Version >= target.Version)
            {
                if (indexed.Version > task.Version)
                {
                    Logs.StaleVersionIgnored(_logger, key, task.Version, indexed.Version);
                }

                return;
            }

            if (manifest?.Pending is { } pending && !written.Exists(w => w.Version == pending.Version))
            {
                Logs.RepairingPendingProjection(_logger, key, pending.Version);
            }

            // A pending version other than ours may have written rows: remember it until our projection commits.
            var stale = (manifest?.Stale ?? []).Concat(manifest?.Pending is { } taken && taken.Version != target.Version ? [taken] : []).ToList();
            ETag pendingETag;
            try
            {
                var pendingRow = IndexManifest.Row(key, manifest?.Indexed, target, _time.GetUtcNow(), stale);
                pendingETag = manifest is null
                    ? (await _table.AddEntityAsync(pendingRow, ct).ConfigureAwait(false)).Value
                    : (await _table.UpdateEntityAsync(pendingRow, manifest.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false)).Value;
            }
            catch (TableRequestFailedException e) when (e.Kind is TableErrorKind.AlreadyExists or TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
            {
                // A wrong guess lands here too: the row is not the manifest we assumed, so read it.
                _manifests.Remove(key);
                if (!guessed)
                {
                    Logs.ManifestChanged(_logger, key, attempt);
                }

                continue;
            }

            // The cached ETag is outdated now (our pending write changed the row) until the final write replaces
            // it; if this projection fails before that, the next guess fails its If-Match and reads.
            written.Add(target);
            UserTask?[] previous = [manifest?.Indexed, manifest?.Pending, .. written, .. stale];
            await WriteRowsAsync(target, previous, ct).ConfigureAwait(false);

            try
            {
                var final = await _table.UpdateEntityAsync(
                    IndexManifest.Row(key, target, null, _time.GetUtcNow()), pendingETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                _manifests.Set(key, new IndexManifest(target, null, final.Value));
                return;
            }
            catch (TableRequestFailedException e) when (e.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
            {
                // Someone projected this task while we wrote rows, and our rows may have overwritten theirs: project
                // the newest version again, removing whatever we wrote.
                Logs.ManifestChanged(_logger, key, attempt);
                repairing = true;
            }
        }

        throw new InvalidOperationException(
            $"The task index entry of user task {key} kept changing during {MaxProjectionAttempts} projection attempts; project it again later.");
    }

    /// <summary>One page of tasks matching the query's filter in its order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not between 1 and 1000.</exception>
    /// <exception cref="ArgumentException">A cursor is malformed or from another sort, or both cursors are given.</exception>
    public async Task<UserTaskSearchPage> SearchAsync(UserTaskQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = Validate(query.Filter);
        if (query.Limit is < 1 or > UserTaskQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(
                "limit", query.Limit, $"The page limit must be between 1 and {UserTaskQuery.MaxLimit}, got {query.Limit}.");
        }

        if (!Enum.IsDefined(query.Sort))
        {
            throw new ArgumentOutOfRangeException("sort", query.Sort, $"Unknown sort field {query.Sort}.");
        }

        if (query.After is not null && query.Before is not null)
        {
            throw new ArgumentException("A page is either after or before a cursor, not both.", "before");
        }

        var after = query.After is null ? (SortPosition?)null : UserTaskCursor.Decode(query.After, query.Sort, query.Descending, "after");
        var before = query.Before is null ? (SortPosition?)null : UserTaskCursor.Decode(query.Before, query.Sort, query.Descending, "before");

        List<UserTask> items;
        UserTaskCount total;
        if (filter.UserTaskKey is { } userTaskKey)
        {
            items = await FindOneAsync(userTaskKey, filter, query, after, before, ct).ConfigureAwait(false);
            total = new UserTaskCount(items.Count, true);
        }
        else
        {
            var plan = QueryPlan.Create(filter);
            var backward = before is not null;
            var ranges = backward
                ? SortKeys.BackwardRanges(query.Sort, query.Descending, before)
                : SortKeys.ForwardRanges(query.Sort, query.Descending, after);
            var read = ReadMergedAsync(plan, ranges, filter, query.Limit, ct);
            var count = CountAsync(plan, filter, ct);
            items = await read.ConfigureAwait(false);
            total = await count.ConfigureAwait(false);
            if (backward)
            {
                items.Reverse();
            }
        }

        return new UserTaskSearchPage(
            items,
            total.Count,
            !total.IsExact,
            items.Count == 0 ? null : UserTaskCursor.Encode(SortPosition.Of(items[0], query.Sort), query.Descending),
            items.Count == 0 ? null : UserTaskCursor.Encode(SortPosition.Of(items[^1], query.Sort), query.Descending));
    }

    /// <summary>How many tasks match; exact up to the count limit (10,000), beyond it a lower bound.</summary>
    public Task<UserTaskCount> CountAsync(UserTaskFilter filter, CancellationToken ct)
    {
        filter = Validate(filter);
        return filter.UserTaskKey is { } userTaskKey
            ? CountOneAsync(userTaskKey, filter, ct)
            : CountAsync(QueryPlan.Create(filter), filter, ct);
    }

    /// <summary>
    /// The cursor that points at <paramref name="task"/> in the given order: what <see cref="UserTaskQuery.After"/> takes
    /// to continue after it and <see cref="UserTaskQuery.Before"/> to go back before it. APIs that hand every item its
    /// own position (Tasklist's <c>sortValues</c>) use it; a page's start and end cursors are the same values.
    /// </summary>
    public static string CursorOf(UserTask task, UserTaskSortField sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(task);
        return UserTaskCursor.Encode(SortPosition.Of(task, sort), descending);
    }

    /// <summary>The indexed copy of a task (the last completed projection), or null when it was never projected.</summary>
    public async Task<UserTask?> GetAsync(long userTaskKey, CancellationToken ct) =>
        (await IndexManifest.ReadAsync(_table, userTaskKey, ct).ConfigureAwait(false))?.Indexed;

    private static UserTaskFilter Validate(UserTaskFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (string.IsNullOrEmpty(filter.TenantId))
        {
            throw new ArgumentException("The filter needs a tenant id; the default tenant is '<default>'.", nameof(filter));
        }

        if (filter.ClaimableBy is { } user && (string.IsNullOrEmpty(user.UserId) || user.Groups is null))
        {
            throw new ArgumentException("'Claimable by' needs a user id and a list of groups (possibly empty).", nameof(filter));
        }

        return filter;
    }

    /// <summary>
    /// The manifest to start from without reading it, when one can be guessed: the settled manifest this process
    /// last saw, if it holds an older version than <paramref name="task"/>; none at all for a task at its first
    /// version that this process has not seen. Never a guess that would end the projection early ("the index
    /// already holds this version"): that shortcut writes nothing, so nothing would verify the guess, and another
    /// host may have left a pending projection on the row since that reading it would make this one finish.
    /// </summary>
    private bool TryGuessManifest(UserTask task, out IndexManifest? manifest)
    {
        if (_manifests.TryGet(task.UserTaskKey, out var cached))
        {
            manifest = cached;
            return cached.Indexed is { } indexed && indexed.Version < task.Version;
        }

        manifest = null;
        return task.Version == 1;
    }

    private static UserTask Newest(UserTask task, params UserTask?[] others) =>
        others.Aggregate(task, (newest, other) => other is not null && other.Version > newest.Version ? other : newest);

    /// <summary>Rows per entity-group transaction for rows carrying a task JSON of this length (see <see cref="BatchSize"/>).</summary>
    internal static int RowsPerBatch(int jsonLength) => Math.Clamp(3_000_000 / Math.Max(1, jsonLength * 2), 1, 100);

    private async Task WriteRowsAsync(UserTask target, IEnumerable<UserTask?> previous, CancellationToken ct)
    {
        var json = UserTaskJson.Serialize(target);
        var keep = IndexRows.KeysOf(target).ToHashSet();
        var remove = previous.OfType<UserTask>().SelectMany(IndexRows.KeysOf).Where(k => !keep.Contains(k)).ToHashSet();
        var actions = keep
            .Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRows.Create(k.PartitionKey, k.RowKey, target, json)))
            .Concat(remove.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey))))
            .GroupBy(a => a.Entity.PartitionKey!, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(BatchSize(json)))
            .ToList();
        await Task.WhenAll(actions.Select(batch => SubmitAsync([.. batch], ct))).ConfigureAwait(false);
        Logs.Projected(_logger, target.UserTaskKey, target.Version, keep.Count, remove.Count, actions.Count);
    }

    /// <summary>
    /// Rows per entity-group transaction: 100 (the service's limit), fewer for big tasks so a batch stays within
    /// 4 MiB (each row carries the JSON, counted as two bytes a character to be safe).
    /// </summary>
    private static int BatchSize(string json) => RowsPerBatch(json.Length);

    /// <summary>Submits one partition's batch; deletes of rows that are already gone are dropped and the rest resent.</summary>
    private async Task SubmitAsync(List<TableTransactionAction> batch, CancellationToken ct)
    {
        while (batch.Count > 0)
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Kind == TableErrorKind.NotFound
                && e.FailedTransactionActionIndex is { } index && index < batch.Count
                && batch[index].ActionType == TableTransactionActionType.Delete)
            {
                batch.RemoveAt(index);
            }
        }
    }

    private async Task<List<UserTask>> FindOneAsync(
        long userTaskKey, UserTaskFilter filter, UserTaskQuery query, SortPosition? after, SortPosition? before, CancellationToken ct)
    {
        var task = await GetAsync(userTaskKey, ct).ConfigureAwait(false);
        if (task is null || !UserTaskFilterMatch.Matches(filter, task))
        {
            return [];
        }

        var rowKey = SortKeys.RowKey(SortPosition.Of(task, query.Sort), query.Descending);
        var inRange =
            (after is not { } a || string.CompareOrdinal(rowKey, SortKeys.RowKey(a, query.Descending)) > 0)
            && (before is not { } b || string.CompareOrdinal(rowKey, SortKeys.RowKey(b, query.Descending)) < 0);
        return inRange ? [task] : [];
    }

    private async Task<UserTaskCount> CountOneAsync(long userTaskKey, UserTaskFilter filter, CancellationToken ct)
    {
        var task = await GetAsync(userTaskKey, ct).ConfigureAwait(false);
        return new UserTaskCount(task is not null && UserTaskFilterMatch.Matches(filter, task) ? 1 : 0, true);
    }

    /// <summary>
    /// Reads the plan's partitions over the ranges and merges them in (range, RowKey) order — the same for every
    /// partition, as RowKeys encode only the sort value and the task key — skipping a task seen in another
    /// partition and rows whose task does not match the whole filter.
    /// </summary>
    private async Task<List<UserTask>> ReadMergedAsync(
        QueryPlan plan, IReadOnlyList<RowKeyRange> ranges, UserTaskFilter filter, int limit, CancellationToken ct)
    {
        var serverFilter = IndexRows.ServerFilter(filter);
        var pageSize = Math.Min(UserTaskQuery.MaxLimit, limit + 1);
        var streams = plan.Partitions.Select(pk => ReadPartitionAsync(pk, ranges, serverFilter, pageSize, ct).GetAsyncEnumerator(ct)).ToList();
        try
        {
            var live = await Task.WhenAll(streams.Select(async s => await s.MoveNextAsync().ConfigureAwait(false))).ConfigureAwait(false);
            var seen = new HashSet<long>();
            var items = new List<UserTask>(limit);
            while (items.Count < limit)
            {
                var next = -1;
                for (var i = 0; i < streams.Count; i++)
                {
                    if (live[i] && (next < 0 || Compare(streams[i].Current, streams[next].Current) < 0))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                var row = streams[next].Current.Row;
                live[next] = await streams[next].MoveNextAsync().ConfigureAwait(false);
                // A row left by a projection still under way may not match while its task's other rows do: only
                // a matching row claims the task's place in the page.
                if (LargeStringProperty.Read(row, IndexRows.TaskProperty) is { } json
                    && UserTaskJson.Deserialize(json) is var task
                    && UserTaskFilterMatch.Matches(filter, task)
                    && seen.Add(task.UserTaskKey))
                {
                    items.Add(task);
                }
            }

            return items;
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static int Compare((int Range, TableEntity Row) a, (int Range, TableEntity Row) b) =>
        a.Range != b.Range ? a.Range.CompareTo(b.Range) : string.CompareOrdinal(a.Row.RowKey, b.Row.RowKey);

    private async IAsyncEnumerable<(int Range, TableEntity Row)> ReadPartitionAsync(
        string partitionKey, IReadOnlyList<RowKeyRange> ranges, TableFilter serverFilter, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var filter = TableFilter.PartitionKey.Eq(partitionKey)
                & TableFilter.RowKey.Gt(ranges[i].After)
                & TableFilter.RowKey.Lt(ranges[i].Before);
            await foreach (var row in _table.QueryAsync(serverFilter.IsEmpty ? filter : filter & serverFilter, pageSize, cancellationToken: ct).ConfigureAwait(false))
            {
                yield return (i, row);
            }
        }
    }

    /// <summary>
    /// Counts distinct tasks over the plan's partitions on the ascending creation-date rows, reading only RowKeys
    /// unless a condition needs the task itself; stops past <see cref="CountLimit"/>.
    /// </summary>
    private async Task<UserTaskCount> CountAsync(QueryPlan plan, UserTaskFilter filter, CancellationToken ct)
    {
        var range = SortKeys.ForwardRanges(UserTaskSortField.CreationDate, false, null)[0];
        var serverFilter = IndexRows.ServerFilter(filter);
        var limit = CountLimit;
        string[]? select = plan.NeedsTaskCheck ? null : [TableEntity.RowKeyName];
        var perPartition = await Task.WhenAll(plan.Partitions.Select(async pk =>
        {
            var keys = new HashSet<long>();
            var rangeFilter = TableFilter.PartitionKey.Eq(pk) & TableFilter.RowKey.Gt(range.After) & TableFilter.RowKey.Lt(range.Before);
            var query = _table.QueryAsync(serverFilter.IsEmpty ? rangeFilter : rangeFilter & serverFilter, UserTaskQuery.MaxLimit, select, ct);
            await foreach (var row in query.ConfigureAwait(false))
            {
                if (plan.NeedsTaskCheck
                    && (LargeStringProperty.Read(row, IndexRows.TaskProperty) is not { } json || !UserTaskFilterMatch.Matches(filter, UserTaskJson.Deserialize(json))))
                {
                    continue;
                }

                keys.Add(SortKeys.KeyOfAscendingRow(row.RowKey!));
                if (keys.Count > limit)
                {
                    break;
                }
            }

            return keys;
        })).ConfigureAwait(false);

        var all = perPartition.Length == 1 ? perPartition[0] : perPartition.SelectMany(k => k).ToHashSet();
        return all.Count > limit ? new UserTaskCount(limit, false) : new UserTaskCount(all.Count, true);
    }
}
