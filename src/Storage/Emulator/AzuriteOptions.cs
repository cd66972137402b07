namespace TaskFunctions.Storage.Emulator;

/// <summary>How to start a local Azurite Table service.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Loopback address to bind. Azurite is never exposed beyond this machine.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to bind; 0 lets the operating system choose a free one.</summary>
    public int Port { get; init; }

    /// <summary>Folder for Azurite's data; <see langword="null"/> keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The folder holding <c>node_modules/azurite</c>; <see langword="null"/> searches upwards from the application
    /// and the current directory.
    /// </summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>The Node.js executable; <see langword="null"/> finds <c>node</c> on the PATH.</summary>
    public string? NodeExecutable { get; init; }

    /// <summary>How long to wait for Azurite to report that it is listening.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
