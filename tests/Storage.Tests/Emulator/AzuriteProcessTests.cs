using System.Diagnostics;
using System.Net.Sockets;
using TaskFunctions.Storage.Emulator;

namespace TaskFunctions.Storage.Tests.Emulator;

public sealed class AzuriteProcessTests
{
    [Fact(Timeout = 60_000)]
    public async Task StartAsync_AnyFreePort_ListensOnReportedPortAndStopsCleanly()
    {
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions());
        var pid = azurite.ProcessId;

        Assert.NotEqual(0, azurite.Port);
        Assert.True(await AcceptsConnectionsAsync(azurite.Port));

        await azurite.StopAsync();

        Assert.False(IsRunning(pid));
        Assert.False(await AcceptsConnectionsAsync(azurite.Port));
    }

    [Fact(Timeout = 60_000)]
    public async Task StartAsync_WithDataDirectory_KeepsDataOnDisk()
    {
        var directory = Directory.CreateTempSubdirectory("azurite-test-");
        try
        {
            await using (var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataDirectory = directory.FullName }))
            {
                Assert.True(await AcceptsConnectionsAsync(azurite.Port));
            }

            Assert.NotEmpty(directory.GetFiles("__azurite_db_table__*.json"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task StartAsync_NodeMissing_ExplainsWhatToInstall()
    {
        var options = new AzuriteOptions { NodeExecutable = "/nonexistent/node" };

        var error = await Assert.ThrowsAsync<AzuriteNotAvailableException>(() => AzuriteProcess.StartAsync(options));

        Assert.Contains("Node.js", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task StartAsync_PackageMissing_SaysToRunNpmCi()
    {
        var empty = Directory.CreateTempSubdirectory("no-azurite-");
        try
        {
            var error = await Assert.ThrowsAsync<AzuriteNotAvailableException>(
                () => AzuriteProcess.StartAsync(new AzuriteOptions { ToolsDirectory = empty.FullName }));

            Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task StartAsync_PortTaken_FailsWithAzuritesOwnMessage()
    {
        await using var first = await AzuriteProcess.StartAsync(new AzuriteOptions());

        var error = await Assert.ThrowsAsync<AzuriteNotAvailableException>(
            () => AzuriteProcess.StartAsync(new AzuriteOptions { Port = first.Port }));

        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
