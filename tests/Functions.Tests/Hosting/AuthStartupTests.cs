using TaskFunctions.Storage.Emulator;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Hosting;

/// <summary>The host process refuses to start with a wrong auth or http setting, in one line naming it.</summary>
public sealed class AuthStartupTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("auth__mode", "Jwt", "extensions.taskFunctions.auth.audience is missing")]
    [InlineData("auth__mode", "Kerberos", "extensions.taskFunctions.auth.mode must be 'None' or 'Jwt', got 'Kerberos'")]
    [InlineData("http__maxJsonDepth", "deep", "extensions.taskFunctions.http.maxJsonDepth must be a whole number")]
    public async Task Host_WrongSetting_ExitsWithOneLineNamingIt(string setting, string value, string message)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost__extensions__taskFunctions__" + setting] = value,
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains(message, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }
}
