using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TaskFunctions.Bench;

/// <summary>One run of the Node.js peer (bench/peer/peer.mjs): bpmn-engine in memory or persisting to Azurite.</summary>
public sealed record PeerResult(string Mode, int Concurrency, double InstancesPerSecond, Latencies Start, Latencies Complete);

/// <summary>Runs bench/peer/peer.mjs as a child process and reads the one JSON line it prints.</summary>
public static class PeerRunner
{
    public static async Task<PeerResult> RunAsync(string root, string bpmn, string mode, int concurrency, int count, string connectionString, string table)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
        {
            Path.Combine(root, "bench", "peer", "peer.mjs"), "--bpmn", bpmn, "--task", "review", "--mode", mode,
            "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--connection", connectionString, "--table", table,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The Node.js peer did not finish within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The Node.js peer failed ({process.ExitCode}): {await errors}");
        }

        var json = JsonNode.Parse((await output).Trim().Split('\n')[^1])!;
        var seconds = json["seconds"]!.GetValue<double>();
        return new PeerResult(
            mode, concurrency, json["instancesPerSecond"]!.GetValue<double>(),
            Summary(json["start"]!, count, seconds), Summary(json["complete"]!, count, seconds));
    }

    private static Latencies Summary(JsonNode node, int count, double seconds) =>
        new(count, seconds, node["p50"]!.GetValue<double>(), node["p95"]!.GetValue<double>(), node["p99"]!.GetValue<double>(), 0);
}
