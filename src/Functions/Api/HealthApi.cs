using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Api;

/// <summary><c>GET /health</c>: whether the host can reach its storage, for probes and for people.</summary>
public static class HealthApi
{
    /// <summary>How long a probe may take before storage counts as unreachable.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What a caller should wait before asking again while storage is away.</summary>
    public const int RetryAfterSeconds = 10;

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithTags("Health")
            .AllowAnonymous()
            .Produces<HealthReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>The storage part of a health report.</summary>
    public sealed record StorageHealth(bool Reachable, string Endpoint, long LatencyMs);

    /// <summary>The body of a healthy answer.</summary>
    public sealed record HealthReport(string Status, StorageHealth Storage);

    internal static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealth(
        TableServiceClient tables, HttpContext context, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        bool reachable;
        try
        {
            reachable = await tables.IsReachableAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reachable = false;
        }

        var storage = new StorageHealth(reachable, tables.Endpoint.ToString(), watch.ElapsedMilliseconds);
        if (reachable)
        {
            return TypedResults.Ok(new HealthReport("Healthy", storage));
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Storage unavailable",
            detail: $"The Table service at {storage.Endpoint} did not answer within {ProbeTimeout.TotalSeconds:0} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["storage"] = storage });
    }
}
