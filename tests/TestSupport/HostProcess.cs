using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace TaskFunctions.TestSupport;

/// <summary>
/// The real host, started as its own operating-system process from its build output, for tests of what a user
/// runs: startup, shutdown by signal, crashes.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the host printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host on a free loopback port with <paramref name="environment"/> added to its environment.</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string?> environment)
    {
        var dll = FindHostDll();
        var port = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/> or the time is up.</summary>
    public async Task<bool> WaitForStatusAsync(string path, int status, TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if ((int)response.StatusCode == status)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Too slow this time; try again.
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>Asks the host to shut down gracefully (SIGTERM), as a service manager or Ctrl+C would.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>Kills the host without a chance to clean up (SIGKILL).</summary>
    public void KillHard() => Signal(SigKill);

    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(15)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>Whether a process with this id is alive (zombies excluded).</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet executable running this test, so the host runs on the same runtime whatever PATH says.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The host's build output next to this test run's (same configuration).</summary>
    private static string FindHostDll()
    {
        // tests/<Project>/bin/<Configuration>/<tfm>/ → src/Functions/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Functions", "bin", configuration, tfm, "TaskFunctions.Functions.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The host's build output (src/Functions/bin/{configuration}/{tfm}) was not found above {output.FullName}; build the solution first.");
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
