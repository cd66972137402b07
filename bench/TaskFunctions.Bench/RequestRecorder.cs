using System.Diagnostics;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Bench;

/// <summary>What one storage request was: its kind, table, size and when it ran (for the replay's waves).</summary>
public sealed record StorageRequest(string Kind, string Table, int Operations, long BodyBytes, long StartTicks, long EndTicks)
{
    public override string ToString() => Operations > 1 ? $"{Kind}×{Operations} {Table}" : $"{Kind} {Table}";
}

/// <summary>
/// A pipeline policy (per call, so retries are not counted twice) that records every request while
/// <see cref="Recording"/> is on. Built on the same hook as the storage layer's RequestCountingPolicy, with the
/// request's shape added so the raw-limit measurement can replay it.
/// </summary>
public sealed class RequestRecorder : HttpPipelinePolicy
{
    private readonly List<StorageRequest> _requests = [];

    public volatile bool Recording;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    /// <summary>Returns what was recorded since the last call and forgets it.</summary>
    public IReadOnlyList<StorageRequest> Take()
    {
        lock (_requests)
        {
            var taken = _requests.OrderBy(r => r.StartTicks).ToList();
            _requests.Clear();
            return taken;
        }
    }

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (!Recording)
        {
            await Next(message, pipeline, async);
            return;
        }

        var (kind, table, operations, bytes) = Describe(message.Request);
        var start = Stopwatch.GetTimestamp();
        await Next(message, pipeline, async);
        var end = Stopwatch.GetTimestamp();
        lock (_requests)
        {
            _requests.Add(new StorageRequest(kind, table, operations, bytes, start, end));
        }
    }

    private static async ValueTask Next(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (async)
        {
            await ProcessNextAsync(message, pipeline);
        }
        else
        {
            ProcessNext(message, pipeline);
        }
    }

    /// <summary>Classifies a Table REST request: point read, query, insert, update/upsert, delete or batch.</summary>
    internal static (string Kind, string Table, int Operations, long Bytes) Describe(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 0 ? segments[^1] : string.Empty;
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? resource[..paren] : resource;
        var addressed = paren >= 0 && resource.Contains("PartitionKey", StringComparison.Ordinal);
        var body = Body(request);
        var method = request.Method.Method;
        if (resource == "$batch")
        {
            // Each operation of a changeset is one embedded HTTP request.
            var operations = Count(body, "Content-Type: application/http");
            var first = body.IndexOf(" http", StringComparison.Ordinal);
            var target = first >= 0 ? body[(first + 1)..].Split(' ', 2)[0] : string.Empty;
            var targetSegments = new Uri(target, UriKind.RelativeOrAbsolute).IsAbsoluteUri
                ? new Uri(target).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
                : [];
            var batchTable = targetSegments.Length > 0 ? targetSegments[^1].Split('(')[0] : "?";
            return ("batch", batchTable, Math.Max(1, operations), body.Length);
        }

        var kind = method switch
        {
            "GET" when addressed => "read",
            "GET" when table == "Tables" => "tables",
            "GET" => "query",
            "POST" when table == "Tables" => "create-table",
            "POST" => "insert",
            "PUT" or "MERGE" or "PATCH" => request.Headers.TryGetValue("If-Match", out var ifMatch) && ifMatch != "*" ? "update" : "upsert",
            "DELETE" => "delete",
            _ => method,
        };
        return (kind, table, 1, body.Length);
    }

    private static string Body(Request request)
    {
        if (request.Content is null)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
