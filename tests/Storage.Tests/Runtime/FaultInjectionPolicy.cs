using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tests.Runtime;

/// <summary>What happens to the chosen request.</summary>
public enum FaultKind
{
    /// <summary>Not sent; the caller sees no answer.</summary>
    Fail,

    /// <summary>Sent and applied by the service, but the answer is lost.</summary>
    Drop,

    /// <summary>Sent after a delay.</summary>
    Delay,
}

/// <summary>
/// Interferes with the <see cref="FailAt"/>-th request (1-based, counted from <see cref="Reset"/>): fails it before
/// sending, drops its answer after the service applied it, or delays it. Installed per retry, so each attempt counts.
/// </summary>
internal sealed class FaultInjectionPolicy : HttpPipelinePolicy
{
    private int _count;

    /// <summary>Every request seen (method, path, query), for diagnosing request counts.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    public int FailAt { get; set; }

    public FaultKind Kind { get; set; }

    public int Count => Volatile.Read(ref _count);

    public bool Fired { get; private set; }

    public void Reset(int failAt = 0, FaultKind kind = FaultKind.Fail)
    {
        Interlocked.Exchange(ref _count, 0);
        Requests.Clear();
        FailAt = failAt;
        Kind = kind;
        Fired = false;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var n = Interlocked.Increment(ref _count);
        Requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}{Uri.UnescapeDataString(message.Request.Uri.Query)}");
        if (n != FailAt)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        Fired = true;
        switch (Kind)
        {
            case FaultKind.Fail:
                throw new RequestFailedException(0, "Injected fault: the request was not sent.");
            case FaultKind.Drop:
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                throw new RequestFailedException(0, "Injected fault: the answer was lost after the service applied the request.");
            default:
                await Task.Delay(150).ConfigureAwait(false);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                return;
        }
    }
}
