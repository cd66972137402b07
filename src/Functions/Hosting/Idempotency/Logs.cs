namespace TaskFunctions.Functions.Hosting.Idempotency;

/// <summary>Log messages of idempotency-key handling, with stable event ids (103x).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning,
        Message = "{Method} {Path} ran but its response could not be stored for replay ({Reason}); duplicates get 409 until the claim's lease ends")]
    public static partial void IdempotencyNotStored(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning,
        Message = "{Method} {Path} failed and its idempotency claim could not be released ({Reason}); duplicates get 409 until the claim's lease ends")]
    public static partial void IdempotencyNotReleased(ILogger logger, string method, string path, string reason);
}
