using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TaskFunctions.Storage.Keys;

/// <summary>
/// Keeps this host's key slot leased: renews every third of the lease duration, reacquires a slot after losing
/// one, and releases it when the host stops.
/// </summary>
public sealed class KeyLeaseRenewalService(SnowflakeKeyGenerator generator, TimeProvider time, ILogger<KeyLeaseRenewalService>? logger = null)
    : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>
    /// Acquires the slot before the host counts as started, so keys can be issued from the first request on. When
    /// storage is away the host starts anyway: the renewal loop and the commands themselves acquire the slot once
    /// storage is back (until then commands fail as unavailable).
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await generator.EnsureLeaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logs.KeyLeaseLoopFailed(_logger, ex);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await generator.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease expires by itself; a host stopping while storage is away must still stop.
            Logs.KeyLeaseLoopFailed(_logger, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await generator.RenewAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.KeyLeaseLoopFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(generator.LeaseDuration / 3, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
