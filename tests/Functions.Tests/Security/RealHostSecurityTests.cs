using System.Net.Sockets;
using System.Text;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Security;

/// <summary>What only the real host process shows: Kestrel's own answers to raw requests, and start-up refusals.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RealHostSecurityTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 90_000)]
    public async Task RawRequests_NulInPathAndHugeHeader_400FromServerAndHostKeepsAnswering()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);

        var nul = await SendRawAsync(host.BaseAddress, "GET /v2/user-tasks/1%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        var bigHeader = await SendRawAsync(host.BaseAddress,
            $"POST /v2/user-tasks/1/claim HTTP/1.1\r\nHost: x\r\nX-User-Id: {new string('u', 64 * 1024)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", nul, StringComparison.Ordinal);
        Assert.Matches("^HTTP/1.1 4(00|31)", bigHeader);
        Assert.DoesNotContain("   at ", nul + bigHeader, StringComparison.Ordinal);
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(10)), host.Output);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("*")]
    [InlineData("https://tasks.example.com/app")]
    public async Task Host_CorsOriginNotAnOrigin_ExitsWithOneLineNamingIt(string origin)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = DevelopmentStorage.ConnectionString(FreePort.Next()),
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost__extensions__taskFunctions__http__corsOrigins"] = origin,
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), host.Output);

        Assert.Equal(1, host.ExitCode);
        Assert.Contains("extensions.taskFunctions.http.corsOrigins must list origins", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    private static async Task<string> SendRawAsync(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        }
        catch (IOException)
        {
            // The server may answer and close before it has read a huge request; the answer is still readable.
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}
