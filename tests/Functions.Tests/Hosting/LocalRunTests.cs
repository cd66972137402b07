using System.Text.RegularExpressions;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Hosting;

/// <summary>
/// The host as a user runs it: a real process whose storage setting names a local emulator that is not running.
/// </summary>
public sealed partial class LocalRunTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("tf-azurite-data-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task Host_NoEmulatorRunning_StartsAzuriteServesHealthAndStopsItOnShutdown()
    {
        await using var host = StartHost();

        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);
        var azurite = AzuriteProcessId(host);
        Assert.True(HostProcess.IsAlive(azurite));

        host.Terminate();

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(20)), host.Output);
        Assert.True(await ExitsWithinAsync(azurite, TimeSpan.FromSeconds(5)), "Azurite outlived the host");
        Assert.NotEmpty(_data.GetFiles("__azurite_db_table__*.json"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Host_KilledHard_AzuriteStopsByItself()
    {
        await using var host = StartHost();
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);
        var azurite = AzuriteProcessId(host);

        host.KillHard();

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await ExitsWithinAsync(azurite, TimeSpan.FromSeconds(10)), "Azurite outlived a killed host");
    }

    [Fact(Timeout = 120_000)]
    public async Task Host_EmulatorAlreadyRunning_UsesItAndLeavesItRunning()
    {
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions());
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        });

        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);
        host.Terminate();
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        Assert.DoesNotMatch(AzuriteStarted(), host.Output);
        Assert.False(azurite.HasExited);
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_NodeMissing_ExitsWithOneLineSayingToInstallNode()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
            ["AzuriteDataDirectory"] = _data.FullName,
            ["PATH"] = _data.FullName,
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("TaskFunctions could not start: Node.js was not found", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_MalformedConnectionString_ExitsNamingTheSetting()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "AccountName=only",
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("'AzureWebJobsStorage' setting is not a usable Storage connection string", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_InvalidTimerSchedule_ExitsNamingTheSetting()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost__extensions__taskFunctions__timers__schedule"] = "every five minutes",
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("extensions:taskFunctions:timers:schedule", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Host_InvalidOutboxSweepInterval_ExitsNamingTheSetting()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost__extensions__taskFunctions__outbox__sweepInterval"] = "00:00:00",
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("extensions:taskFunctions:outbox", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    private HostProcess StartHost() => HostProcess.Start(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
        ["AzuriteDataDirectory"] = _data.FullName,
    });

    private static int AzuriteProcessId(HostProcess host)
    {
        var match = AzuriteStarted().Match(host.Output);
        Assert.True(match.Success, host.Output);
        return int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> ExitsWithinAsync(int processId, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (HostProcess.IsAlive(processId))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    [GeneratedRegex(@"Azurite listening on port \d+ \(process (?<pid>\d+)\)")]
    private static partial Regex AzuriteStarted();
}
