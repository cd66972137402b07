using System.Diagnostics;
using Azure.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Bench;

/// <summary>Settings every host of the benchmark gets: its storage and hub, no emulator of its own, quiet logs.</summary>
internal static class HostSettings
{
    public static Dictionary<string, string> For(string connectionString, string hub) => new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["AzuriteAutoStart"] = "false",
        ["AzureFunctionsJobHost__extensions__taskFunctions__hubName"] = hub,
        // The timer trigger's polls would show up in the request counts; nothing in the benchmark is due anyway.
        ["AzureFunctionsJobHost__extensions__taskFunctions__timers__schedule"] = "0 0 0 1 1 *",
        ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}

/// <summary>
/// The host in-process with a <see cref="RequestRecorder"/> in its Table client's pipeline: counts and records the
/// storage requests each HTTP command makes. Latency is measured on the real host process, not here.
/// </summary>
public sealed class RecordingHost(string connectionString, string hub, RequestRecorder recorder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The host's files (host.json) are copied next to the benchmark's build output.
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (name, value) in HostSettings.For(connectionString, hub))
        {
            builder.UseSetting(name.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.ConfigureServices(services => services.AddSingleton(sp =>
        {
            var options = new TableClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
            options.AddPolicy(recorder, HttpPipelinePosition.PerCall);
            return new TableServiceClient(connectionString, options);
        }));
    }
}

/// <summary>The real host as its own process, from the build output of src/Functions, on a free loopback port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HostProcess> StartAsync(string connectionString, string hub)
    {
        var dll = FindHostDll();
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "1";
        foreach (var (key, value) in HostSettings.For(connectionString, hub))
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

        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await host.DisposeAsync();
        throw new InvalidOperationException($"The host did not become healthy. Its output:{Environment.NewLine}{host._output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostDll()
    {
        // bench/TaskFunctions.Bench/bin/<Configuration>/<tfm>/ → src/Functions/bin/<Configuration>/<tfm>/
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

        throw new FileNotFoundException($"The host's build output (src/Functions/bin/{configuration}/{tfm}) was not found; build the solution first.");
    }
}
