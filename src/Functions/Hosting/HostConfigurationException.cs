namespace TaskFunctions.Functions.Hosting;

/// <summary>A setting is missing or wrong; the message says which one and how to fix it.</summary>
public sealed class HostConfigurationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
