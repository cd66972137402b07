using TaskFunctions.Storage;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Creates the hub's tables. Runs before the other hosted services; when storage is reachable the tables exist
/// before the host serves anything. When it is not, the host starts anyway (answering 503 while storage is away)
/// and keeps trying in the background until the tables are there.
/// </summary>
public sealed class StorageStartup(TaskHub hub, TimeProvider time, ILogger<StorageStartup> logger) : BackgroundService
{
    private static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every table exists.</summary>
    public Task Ready => _ready.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(FirstAttemptTimeout);
        await TryCreateAsync(attempt.Token).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!_ready.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryCreateAsync(stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task TryCreateAsync(CancellationToken cancellationToken)
    {
        if (_ready.Task.IsCompleted)
        {
            return;
        }

        try
        {
            await hub.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            _ready.TrySetResult();
            Logs.TablesReady(logger, hub.Name);
        }
        catch (Exception e)
        {
            Logs.TablesNotReady(logger, hub.Name, e.Message);
        }
    }
}
