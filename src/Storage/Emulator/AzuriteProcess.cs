using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace TaskFunctions.Storage.Emulator;

/// <summary>
/// A running Azurite Table service in a child Node.js process. It stops when disposed, and also on its own when
/// the .NET process that started it dies (its stdin pipe closes), so no emulator is ever left behind.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string ListeningMarker = "TASKFUNCTIONS_AZURITE_LISTENING=";
    private static readonly string[] TableMainPath = ["node_modules", "azurite", "dist", "src", "table", "main.js"];

    private readonly Process _process;
    private readonly StringBuilder _output;
    private int _stopped;

    private AzuriteProcess(Process process, StringBuilder output, string host, int port)
    {
        _process = process;
        _output = output;
        Port = port;
        TableEndpoint = DevelopmentStorage.TableEndpoint(port, host);
        ConnectionString = DevelopmentStorage.ConnectionString(port, host);
    }

    /// <summary>The port the Table service listens on.</summary>
    public int Port { get; }

    /// <summary>The Table service endpoint, account included.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A connection string for the development account on this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>The operating-system process id of the Node.js process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts Azurite and waits until it listens.</summary>
    /// <exception cref="AzuriteNotAvailableException">Node.js or the azurite package is missing, or Azurite failed.</exception>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tableMain = FindTableMain(options.ToolsDirectory);
        var node = options.NodeExecutable ?? FindOnPath("node") ?? throw new AzuriteNotAvailableException(
            "Node.js was not found on the PATH. Azurite, the local storage emulator, runs on Node.js 20 or later: " +
            "install it (https://nodejs.org or your package manager), or point AzureWebJobsStorage at a Storage account.");

        var start = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Bootstrap.Value);
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(tableMain);
        foreach (var argument in AzuriteArguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        if (options.DataDirectory is not null)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            // Exited can run before the last output lines were delivered; waiting drains the redirected streams.
            process.WaitForExit();
            listening.TrySetException(new AzuriteNotAvailableException(
                $"Azurite exited before it was ready. Its output:{Environment.NewLine}{Snapshot(output)}"));
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new AzuriteNotAvailableException($"Node.js could not be started from '{node}': {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return new AzuriteProcess(process, output, options.Host, port);
        }
        catch (Exception e)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            if (e is TimeoutException)
            {
                throw new AzuriteNotAvailableException(
                    $"Azurite did not start listening within {options.StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{Snapshot(output)}");
            }

            throw;
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                // Keep the output bounded: only the beginning matters for diagnosing a failed start.
                if (output.Length < 16_000)
                {
                    output.AppendLine(line);
                }
            }

            if (line.StartsWith(ListeningMarker, StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(ListeningMarker.Length), out var port))
            {
                listening.TrySetResult(port);
            }
        }
    }

    /// <summary>What Azurite printed so far (bounded), for diagnostics.</summary>
    public string Output => Snapshot(_output);

    /// <summary>Stops Azurite gracefully (its data is flushed), killing it if it does not exit in time.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                // Closing stdin is the stop signal the bootstrap script listens for.
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Kills Azurite at once, without letting it flush: for tests of storage outages.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static IEnumerable<string> AzuriteArguments(AzuriteOptions options)
    {
        yield return "--tableHost";
        yield return options.Host;
        yield return "--tablePort";
        yield return options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (options.DataDirectory is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            yield return "--location";
            yield return Path.GetFullPath(options.DataDirectory);
        }

        yield return "--silent";
        yield return "--disableTelemetry";
        yield return "--skipApiVersionCheck";
    }

    private static string FindTableMain(string? toolsDirectory)
    {
        var candidates = toolsDirectory is not null
            ? [Path.GetFullPath(toolsDirectory)]
            : Ancestors(AppContext.BaseDirectory).Concat(Ancestors(Directory.GetCurrentDirectory())).Distinct();
        foreach (var directory in candidates)
        {
            var main = Path.Combine([directory, .. TableMainPath]);
            if (File.Exists(main))
            {
                return main;
            }
        }

        throw new AzuriteNotAvailableException(
            "The azurite npm package was not found" +
            (toolsDirectory is null ? " in any node_modules folder above the application" : $" in '{toolsDirectory}'") +
            ". Run 'npm ci' in the repository root to install it.");
    }

    /// <summary>A directory and every directory above it.</summary>
    private static IEnumerable<string> Ancestors(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            yield return directory.FullName;
        }
    }

    /// <summary>Finds the folder above <paramref name="start"/> that holds <c>node_modules/azurite</c>, if any.</summary>
    public static string? FindToolsDirectory(string start) =>
        Ancestors(start).FirstOrDefault(d => File.Exists(Path.Combine([d, .. TableMainPath])));

    private static string? FindOnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static readonly Lazy<string> Bootstrap = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TaskFunctions.Storage.Emulator.azurite-bootstrap.js")
            ?? throw new InvalidOperationException("The Azurite bootstrap script is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
