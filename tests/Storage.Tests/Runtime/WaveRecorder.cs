using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>
/// Records each request (per call) with when it started and ended, and groups them into waves: requests sent
/// while another of the wave was still unanswered. <see cref="Hold"/> keeps every request a while before sending
/// it, so requests sent together overlap for certain and those sent after an answer cannot.
/// </summary>
internal sealed class WaveRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Request, long Start, long End)> _requests = new();

    public TimeSpan Hold { get; set; }

    public void Reset(TimeSpan hold)
    {
        _requests.Clear();
        Hold = hold;
    }

    /// <summary>The waves in order, each as its requests ("METHOD table"), sorted.</summary>
    public List<List<string>> Waves()
    {
        var waves = new List<List<string>>();
        var current = new List<string>();
        var earliestEnd = long.MaxValue;
        foreach (var (request, start, end) in _requests.OrderBy(r => r.Start))
        {
            if (current.Count > 0 && start >= earliestEnd)
            {
                waves.Add([.. current.Order(StringComparer.Ordinal)]);
                current = [];
                earliestEnd = long.MaxValue;
            }

            current.Add(request);
            earliestEnd = Math.Min(earliestEnd, end);
        }

        if (current.Count > 0)
        {
            waves.Add([.. current.Order(StringComparer.Ordinal)]);
        }

        return waves;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (Hold > TimeSpan.Zero)
            {
                await Task.Delay(Hold).ConfigureAwait(false);
            }

            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            _requests.Enqueue((Describe(message.Request), start, Stopwatch.GetTimestamp()));
        }
    }

    private static readonly string[] Tables = ["TaskIndex", "Instances", "Keys", "Timers", "Jobs", "Definitions"];

    // "GET Instances", "PUT Keys", "BATCH TaskIndex": the method (BATCH for a transaction) and the table without
    // the hub's prefix; a transaction names its table only in its body.
    private static string Describe(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        if (path.EndsWith("$batch", StringComparison.Ordinal))
        {
            using var body = new MemoryStream();
            request.Content?.WriteTo(body, CancellationToken.None);
            var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
            return "BATCH " + (Tables.FirstOrDefault(t => text.Contains(t + "(", StringComparison.Ordinal)) ?? "?");
        }

        var segment = path.TrimEnd('/').Split('/')[^1].Split('(')[0];
        return $"{request.Method} {Tables.FirstOrDefault(t => segment.EndsWith(t, StringComparison.Ordinal)) ?? segment}";
    }
}
