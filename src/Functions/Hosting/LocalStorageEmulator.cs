using System.Net;
using System.Net.Sockets;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Starts Azurite for a local run, the way Visual Studio does for Functions projects: when the storage connection
/// points at an emulator on this machine (<c>UseDevelopmentStorage=true</c> or a loopback <c>TableEndpoint</c>) and
/// nothing answers there, the host starts one on that port, keeps its data in a git-ignored folder, and stops it on
/// exit. It starts before the host does, so storage is up before anything uses it.
/// </summary>
public sealed class LocalStorageEmulator : IAsyncDisposable
{
    private readonly ILogger _logger;
    private AzuriteProcess? _azurite;

    private LocalStorageEmulator(AzuriteProcess azurite, ILogger logger)
    {
        _azurite = azurite;
        _logger = logger;
    }

    /// <summary>
    /// Starts Azurite when the settings name a local emulator that is not running; <see langword="null"/> when there
    /// is nothing to start.
    /// </summary>
    /// <exception cref="AzuriteNotAvailableException">Node.js or the azurite package is missing, or Azurite failed.</exception>
    public static async Task<LocalStorageEmulator?> StartIfNeededAsync(
        StorageSettings settings, IHostEnvironment environment, ILogger logger, CancellationToken cancellationToken)
    {
        if (!settings.AzuriteAutoStart || settings.ConnectionString is null
            || EmulatorEndpoint(settings.ConnectionString) is not { } endpoint)
        {
            return null;
        }

        if (await AnswersAsync(endpoint, cancellationToken).ConfigureAwait(false))
        {
            Logs.EmulatorAlreadyRunning(logger, endpoint.Authority);
            return null;
        }

        var tools = AzuriteProcess.FindToolsDirectory(AppContext.BaseDirectory)
            ?? AzuriteProcess.FindToolsDirectory(environment.ContentRootPath);
        var dataDirectory = settings.AzuriteDataDirectory
            ?? Path.Combine(tools ?? environment.ContentRootPath, ".azurite");
        Logs.StartingEmulator(logger, endpoint.Authority, dataDirectory);
        var azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions
            {
                Host = endpoint.Host == "localhost" ? DevelopmentStorage.LoopbackHost : endpoint.Host.Trim('[', ']'),
                Port = endpoint.Port,
                DataDirectory = dataDirectory,
                ToolsDirectory = tools,
            },
            cancellationToken).ConfigureAwait(false);
        Logs.EmulatorStarted(logger, azurite.Port, azurite.ProcessId);
        return new LocalStorageEmulator(azurite, logger);
    }

    /// <summary>Stops the emulator (its data is flushed to disk first).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _azurite, null) is { } azurite)
        {
            await azurite.StopAsync().ConfigureAwait(false);
            Logs.EmulatorStopped(_logger);
        }
    }

    /// <summary>
    /// The Table endpoint of a local emulator named by <paramref name="connectionString"/>, or <see langword="null"/>
    /// when the connection is to anything else (a Storage account, a remote host).
    /// </summary>
    public static Uri? EmulatorEndpoint(string connectionString)
    {
        var endpoint = TableConnectionString.Parse(connectionString).TableEndpoint;
        return endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback ? endpoint : null;
    }

    private static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var address = endpoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(endpoint.Host.Trim('[', ']'));
            await client.ConnectAsync(address, endpoint.Port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
