namespace TaskFunctions.Storage.Emulator;

/// <summary>Azurite could not be started: Node.js or the azurite package is missing, or it failed to listen.</summary>
public sealed class AzuriteNotAvailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
