using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.TaskIndex;

/// <summary>Log messages of the task index (EventIds 5100–5199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug,
        Message = "Task {UserTaskKey} version {Version} not projected: the index already holds version {IndexedVersion}")]
    public static partial void StaleVersionIgnored(ILogger logger, long userTaskKey, long version, long indexedVersion);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Task {UserTaskKey}: finishing the interrupted projection of version {PendingVersion}")]
    public static partial void RepairingPendingProjection(ILogger logger, long userTaskKey, long pendingVersion);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug,
        Message = "Task {UserTaskKey}: another projection changed the manifest; re-reading (attempt {Attempt})")]
    public static partial void ManifestChanged(ILogger logger, long userTaskKey, int attempt);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug,
        Message = "Task {UserTaskKey} version {Version} projected: {Upserted} rows written, {Deleted} removed in {Partitions} partitions")]
    public static partial void Projected(ILogger logger, long userTaskKey, long version, int upserted, int deleted, int partitions);
}
