using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TaskFunctions.Domain.UserTasks;

using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>
/// PartitionKeys of the task index: <c>{tenant}|{state}|{dimension}[|{value}][|{shard}]</c>, values escaped, and the
/// manifest's <c>task|{userTaskKey}</c>.
/// </summary>
internal static class IndexKeys
{
    /// <summary>
    /// Hot dimensions are spread over this many partitions by <c>userTaskKey % ShardCount</c>, so one big candidate
    /// group (or one tenant's "all" list) is not one partition's write throughput. Changing it re-partitions the index:
    /// rebuild it by re-projecting every task.
    /// </summary>
    public const int ShardCount = 4;

    /// <summary>Escaped values longer than this are replaced by a hash, keeping PartitionKeys within 1 KiB.</summary>
    private const int MaxEscapedValueLength = 200;

    public static string ManifestPartitionKey(long userTaskKey) => "task|" + userTaskKey.ToString(CultureInfo.InvariantCulture);

    public static string Partition(string tenantId, UserTaskState state, string dimension, string? value = null, long? shardOf = null)
    {
        var builder = new StringBuilder(Escape(tenantId)).Append('|').Append(StateCode(state)).Append('|').Append(dimension);
        if (value is not null)
        {
            builder.Append('|').Append(Escape(value));
        }

        if (shardOf is { } key)
        {
            builder.Append('|').Append((key % ShardCount).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Every shard of a sharded partition.</summary>
    public static IEnumerable<string> AllShards(string tenantId, UserTaskState state, string dimension, string? value = null) =>
        Enumerable.Range(0, ShardCount).Select(shard => Partition(tenantId, state, dimension, value, shard));

    public static string StateCode(UserTaskState state) => state switch
    {
        UserTaskState.Created => "created",
        UserTaskState.Completed => "completed",
        UserTaskState.Canceled => "canceled",
        UserTaskState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown user task state."),
    };

    /// <summary>
    /// Reversible escaping of a user-provided value for a key: <c>%</c>, the separator <c>|</c>, the characters keys
    /// may not hold (<c>/ \ # ?</c>) and control characters become <c>%XX</c>; everything else, non-ASCII included,
    /// stays. A value too long for a key becomes <c>%~</c> and a SHA-256 prefix, which escaping never produces.
    /// </summary>
    public static string Escape(string value)
    {
        var escaped = TableKeys.EscapeValue(value);
        if (escaped.Length <= MaxEscapedValueLength)
        {
            return escaped;
        }

        return "%~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40];
    }

    /// <summary>The inverse of <see cref="Escape"/> for values that were not hashed.</summary>
    public static string Unescape(string escaped) => TableKeys.UnescapeValue(escaped);
}
