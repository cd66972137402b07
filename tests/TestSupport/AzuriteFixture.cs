using Xunit;
using TaskFunctions.Storage.Emulator;

namespace TaskFunctions.TestSupport;

/// <summary>
/// One real Azurite Table service per test collection: in memory, on a port the operating system picked, stopped
/// when the collection is done. Tests never depend on an emulator that happens to be running.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    public Uri TableEndpoint => Azurite.TableEndpoint;

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions()).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A table name no other test uses, so tests sharing one Azurite never see each other's rows.</summary>
    public static string UniqueTableName(string prefix = "T") =>
        prefix + Guid.NewGuid().ToString("N")[..20];
}
