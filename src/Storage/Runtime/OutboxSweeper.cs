using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskFunctions.Storage.Instances;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Finishes projections a crash (or a storage hiccup) interrupted, so the task index, timers and job queue always
/// converge on the instance rows. It reads only the outbox markers older than <see cref="Age"/> (never the
/// instances table as a whole), projects the outbox rows of each marked instance, and clears the marker.
/// </summary>
public sealed class OutboxSweeper(
    InstanceStore store, OutboxProjector projector, OutboxMarkers markers, TimeProvider time, ILogger<OutboxSweeper>? logger = null)
    : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Markers younger than this belong to commands probably still projecting.</summary>
    public TimeSpan Age { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between sweeps.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Instances per sweep.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>One sweep; returns the number of instances whose outbox was finished.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var marked = new List<OutboxMarker>();
        await foreach (var marker in markers.FindAsync(time.GetUtcNow() - Age, BatchSize, cancellationToken).ConfigureAwait(false))
        {
            marked.Add(marker);
        }

        var done = 0;
        // Every command has its own marker, so an instance may have several: one projection of its outbox clears them all.
        foreach (var instance in marked.GroupBy(m => m.ProcessInstanceKey))
        {
            try
            {
                foreach (var (entry, _) in await store.ReadOutboxAsync(instance.Key, cancellationToken).ConfigureAwait(false))
                {
                    await projector.ProjectAsync(instance.Key, entry, null, cancellationToken).ConfigureAwait(false);
                }

                // A marker without an outbox row (a command that marked ahead and then did not commit) just goes.
                await Task.WhenAll(instance.Select(m => markers.ClearAsync(m, cancellationToken))).ConfigureAwait(false);
                done++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.SweepFailed(_logger, ex, instance.Key);
            }
        }

        if (done > 0)
        {
            Logs.SweepCompleted(_logger, done);
        }

        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.SweepLoopFailed(_logger, ex);
            }
        }
    }
}
