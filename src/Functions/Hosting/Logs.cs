namespace TaskFunctions.Functions.Hosting;

/// <summary>Log messages of the host's start-up, storage handling and request errors, with stable event ids (10xx).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Storage emulator already answering on {Endpoint}; using it")]
    public static partial void EmulatorAlreadyRunning(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Nothing answers on {Endpoint}: starting Azurite there, data in {DataDirectory}")]
    public static partial void StartingEmulator(ILogger logger, string endpoint, string dataDirectory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Azurite listening on port {Port} (process {ProcessId})")]
    public static partial void EmulatorStarted(ILogger logger, int port, int processId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Azurite stopped")]
    public static partial void EmulatorStopped(ILogger logger);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Tables of hub {Hub} are ready")]
    public static partial void TablesReady(ILogger logger, string hub);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "Tables of hub {Hub} could not be created yet ({Reason}); retrying in the background")]
    public static partial void TablesNotReady(ILogger logger, string hub, string reason);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    public static partial void StorageUnavailable(ILogger logger, string method, string path, string reason);
}
