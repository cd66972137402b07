namespace TaskFunctions.Storage.Timers;

/// <summary>The timer trigger's schedule setting is not a valid NCRONTAB expression; the message says why.</summary>
public sealed class InvalidTimerScheduleException(string setting, string expression, string reason, Exception? innerException = null)
    : Exception($"The setting '{setting}' must be an NCRONTAB expression ('sec min hour day month day-of-week' or 'min hour day month day-of-week', UTC), got '{expression}': {reason}", innerException)
{
    public string Setting { get; } = setting;

    public string Expression { get; } = expression;

    public string Reason { get; } = reason;
}
