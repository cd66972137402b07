using Microsoft.Extensions.Logging;

namespace TaskFunctions.Storage.Timers;

/// <summary>The timer trigger's log messages; EventIds 7100–7199 belong to this area.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Timer trigger started on host {HostId} with schedule '{Schedule}' (Quartz '{QuartzExpression}')")]
    public static partial void TriggerStarted(ILogger logger, string hostId, string schedule, string quartzExpression);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Timer trigger schedule '{Schedule}' has no further occurrence; the trigger stops")]
    public static partial void ScheduleExhausted(ILogger logger, string schedule);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Timer tick at {Now:O}: fired {Fired}, skipped {Skipped} claimed by a host")]
    public static partial void TickCompleted(ILogger logger, DateTimeOffset now, int fired, int skipped);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Timer tick failed; the next tick runs as scheduled")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "Firing timer {TimerId} of process instance {ProcessInstanceKey} failed; it fires again after its claim ends at {ClaimedUntil:O}")]
    public static partial void FireFailed(ILogger logger, Exception exception, string timerId, long processInstanceKey, DateTimeOffset claimedUntil);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning,
        Message = "Claiming timer {TimerId} of process instance {ProcessInstanceKey} failed; a later tick tries again")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string timerId, long processInstanceKey);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning,
        Message = "Timer {TimerId} of process instance {ProcessInstanceKey} fired but its row could not be deleted; it fires again (harmlessly) after its claim ends")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string timerId, long processInstanceKey);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Debug, Message = "Timer {TimerId} of process instance {ProcessInstanceKey} fired (due {DueAt:O})")]
    public static partial void TimerFired(ILogger logger, string timerId, long processInstanceKey, DateTimeOffset dueAt);
}
