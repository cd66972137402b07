namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Storage did not answer (or kept failing) while a command ran, so its outcome is unknown or it was not applied.
/// The HTTP layer answers 503 with Retry-After; repeating the command is safe (commands are recognised when their
/// first attempt was applied after all).
/// </summary>
public class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
