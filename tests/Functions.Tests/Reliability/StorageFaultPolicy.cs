using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Functions.Tests.Reliability;

/// <summary>The storage faults <see cref="StorageFaultPolicy"/> injects.</summary>
internal enum StorageFault
{
    /// <summary>The service answers 503 Server Busy; nothing was applied.</summary>
    ServiceUnavailable,

    /// <summary>The request times out before it reaches the service.</summary>
    TimeoutBeforeSend,

    /// <summary>The service applied the request, but the answer timed out.</summary>
    TimeoutAfterSend,

    /// <summary>The connection is reset before the request reaches the service.</summary>
    ResetBeforeSend,

    /// <summary>The service applied the request, but the connection was reset before the answer arrived.</summary>
    ResetAfterSend,
}

/// <summary>
/// A per-attempt pipeline policy for the host's Table client that, while <see cref="Armed"/>, fails each storage
/// request with probability <paramref name="probability"/> in one of the <see cref="StorageFault"/> ways, chosen by a
/// seeded random source so a failing run can be repeated. Faults land between the requests of a command: its read,
/// key lookups, marker, transaction and projection.
/// </summary>
internal sealed class StorageFaultPolicy(int seed, double probability) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private int _requests;
    private volatile bool _armed;

    /// <summary>Whether faults are injected now (off while a test arranges or verifies).</summary>
    public bool Armed
    {
        get => _armed;
        set => _armed = value;
    }

    public ConcurrentDictionary<StorageFault, int> Injected { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public int Total => Injected.Values.Sum();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!Armed)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _requests);
        StorageFault? fault;
        lock (_random)
        {
            fault = _random.NextDouble() < probability ? (StorageFault)_random.Next(5) : null;
        }

        if (fault is not { } kind)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        Injected.AddOrUpdate(kind, 1, (_, n) => n + 1);
        switch (kind)
        {
            case StorageFault.ServiceUnavailable:
                message.Response = new BusyResponse();
                return;
            case StorageFault.TimeoutBeforeSend:
                throw Timeout();
            case StorageFault.ResetBeforeSend:
                throw Reset();
            case StorageFault.TimeoutAfterSend:
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                throw Timeout();
            default:
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                throw Reset();
        }
    }

    // What Azure.Core's transport throws when its network timeout cancels a request.
    private static TaskCanceledException Timeout() =>
        new("Injected fault: the request exceeded the network timeout.", new TimeoutException("Injected timeout."));

    // What Azure.Core's transport throws when the connection is reset.
    private static RequestFailedException Reset() =>
        new(0, "Injected fault: connection reset by peer.",
            new HttpRequestException("Connection reset by peer.", new IOException("Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset))));

    /// <summary>A 503 Server Busy as the Table service sends it.</summary>
    private sealed class BusyResponse : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-error-code"] = "ServerBusy",
            ["Content-Type"] = "application/json",
        };

        public override int Status => 503;

        public override string ReasonPhrase => "Server Busy";

        public override Stream? ContentStream { get; set; } = new MemoryStream(
            """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"Injected fault: the server is busy."}}}"""u8.ToArray());

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}
