using System.Diagnostics;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Bench;

/// <summary>What one storage request was: its kind, table, size and when it ran (for the replay's waves).</summary>
public sealed record StorageRequest(string Kind, string Table, int Operations, long BodyBytes, long StartTicks, long EndTicks)
{
    /// <summary>The entity operations it carried: one for a single write, one per changeset part for a batch.</summary>
    public IReadOnlyList<EntityOperation> Writes { get; init; } = [];

    /// <summary>The entities a read or query returned (JSON, as the service sent them), so the replay reads rows of the same shape.</summary>
    public IReadOnlyList<string> Returned { get; init; } = [];

    /// <summary>The HTTP status of the answer (404 for a point read of an absent row).</summary>
    public int Status { get; init; }

    /// <summary>A query's page size ($top) and projection ($select), if it set them.</summary>
    public int? Top { get; init; }

    public string? Select { get; init; }

    public override string ToString() => Operations > 1 ? $"{Kind}×{Operations} {Table}" : $"{Kind} {Table}";
}

/// <summary>One entity write: HTTP method (POST, PUT, MERGE, DELETE), its If-Match header (null when absent) and its JSON body.</summary>
public sealed record EntityOperation(string Method, string? IfMatch, string Body);

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
        var writes = Writes(message.Request);
        var start = Stopwatch.GetTimestamp();
        await Next(message, pipeline, async);
        var end = Stopwatch.GetTimestamp();
        var query = System.Web.HttpUtility.ParseQueryString(message.Request.Uri.ToUri().Query);
        var request = new StorageRequest(kind, table, operations, bytes, start, end)
        {
            Writes = writes,
            Returned = kind is "read" or "query" ? Returned(message) : [],
            Status = message.HasResponse ? message.Response.Status : 0,
            Top = int.TryParse(query["$top"], out var top) ? top : null,
            Select = query["$select"],
        };
        lock (_requests)
        {
            _requests.Add(request);
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

    /// <summary>The entity writes of a request: the request itself, or each part of a batch's changeset.</summary>
    internal static IReadOnlyList<EntityOperation> Writes(Request request)
    {
        var method = request.Method.Method;
        var body = Body(request);
        var path = Uri.UnescapeDataString(request.Uri.Path);
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            var parts = new List<EntityOperation>();
            var chunks = body.Split("Content-Type: application/http", StringSplitOptions.None);
            foreach (var chunk in chunks.Skip(1))
            {
                var lines = chunk.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                var requestLine = lines.FirstOrDefault(l => l.EndsWith(" HTTP/1.1", StringComparison.Ordinal)) ?? string.Empty;
                var at = Array.IndexOf(lines, requestLine);
                string? ifMatch = null;
                var i = at + 1;
                for (; i < lines.Length && lines[i].Length > 0; i++)
                {
                    if (lines[i].StartsWith("If-Match:", StringComparison.OrdinalIgnoreCase))
                    {
                        ifMatch = lines[i]["If-Match:".Length..].Trim();
                    }
                }

                var json = string.Join("\n", lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal))).Trim();
                parts.Add(new EntityOperation(requestLine.Split(' ')[0], ifMatch, json));
            }

            return parts;
        }

        if (method is "GET" || path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            return [];
        }

        return [new EntityOperation(method, request.Headers.TryGetValue("If-Match", out var value) ? value : null, body)];
    }

    /// <summary>The entities of a read (one object) or a query page (its "value" array).</summary>
    private static IReadOnlyList<string> Returned(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Status != 200 || message.Response.Content is null)
        {
            return [];
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(message.Response.Content.ToMemory());
            return json.RootElement.TryGetProperty("value", out var value)
                ? value.EnumerateArray().Select(e => e.GetRawText()).ToList()
                : [json.RootElement.GetRawText()];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
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
