using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Counts the requests a client sends, for benchmarks and round-trip budgets. Add it per call
/// (<c>options.AddPolicy(policy, HttpPipelinePosition.PerCall)</c>) to count logical operations, or per retry to
/// count attempts on the wire. Thread-safe.
/// </summary>
public sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private long _count;

    /// <summary>How many requests went through since creation or the last <see cref="Reset"/>.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Sets the count back to zero and returns what it was.</summary>
    public long Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
