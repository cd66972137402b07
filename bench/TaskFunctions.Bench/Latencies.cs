using System.Diagnostics;

namespace TaskFunctions.Bench;

/// <summary>Throughput and latency percentiles of one measured series.</summary>
public sealed record Latencies(int Count, double Seconds, double P50, double P95, double P99, double Mean)
{
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;

    /// <summary>Nearest-rank percentiles of <paramref name="milliseconds"/>.</summary>
    public static Latencies Of(IReadOnlyCollection<double> milliseconds, double seconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Latencies(
            sorted.Length, seconds, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99),
            sorted.Length == 0 ? 0 : sorted.Average());
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Runs an operation a number of times with a fixed number of concurrent callers and times each call.</summary>
public static class Load
{
    /// <summary>
    /// Calls <paramref name="operation"/> with the indexes 0..count-1, <paramref name="concurrency"/> at a time (each
    /// caller takes the next index when it finishes), and returns the latencies and the wall time.
    /// </summary>
    public static async Task<Latencies> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            await Task.Yield();
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(callers);
        return Latencies.Of(latencies, wall.Elapsed.TotalSeconds);
    }
}
