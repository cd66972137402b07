using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.Runtime;

/// <summary>Log messages of the command processor, projections and the sweeper (EventIds 6200–6299).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Debug, Message = "Command on process instance {ProcessInstanceKey} not committed on attempt {Attempt} ({Reason}); re-reading")]
    public static partial void CommitRetried(ILogger logger, long processInstanceKey, int attempt, string reason);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Projection of outbox {Sequence} of process instance {ProcessInstanceKey} failed; the sweeper will finish it")]
    public static partial void ProjectionDeferred(ILogger logger, Exception exception, long processInstanceKey, long sequence);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Large command on process instance {ProcessInstanceKey}: {Staged} rows staged ahead of a final transaction of {Final}")]
    public static partial void LargeCommandCommitted(ILogger logger, long processInstanceKey, int staged, int final);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Sweeper finished {Count} interrupted outbox projections")]
    public static partial void SweepCompleted(ILogger logger, int count);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Sweeping process instance {ProcessInstanceKey} failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception, long processInstanceKey);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "Outbox sweep failed")]
    public static partial void SweepLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Debug, Message = "Unused outbox marker of process instance {ProcessInstanceKey} left for the sweeper")]
    public static partial void UnusedMarkerLeft(ILogger logger, Exception exception, long processInstanceKey);
}
