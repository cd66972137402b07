using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskFunctions.Storage.Emulator;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed class HealthApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetHealth_StorageUp_200WithReachableStorage()
    {
        await using var factory = new TaskFunctionsFactory(azurite.ConnectionString);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.Equal(azurite.TableEndpoint.ToString().TrimEnd('/'), body.GetProperty("storage").GetProperty("endpoint").GetString()!.TrimEnd('/'));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetHealth_NothingListening_503ProblemWithRetryAfter()
    {
        await using var factory = new TaskFunctionsFactory(DevelopmentStorage.ConnectionString(FreePort.Next()));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.False(body.GetProperty("storage").GetProperty("reachable").GetBoolean());
    }

    [Fact(Timeout = 90_000)]
    public async Task GetHealth_StorageGoesAwayAndComesBack_503ThenRecovers()
    {
        var port = FreePort.Next();
        var first = await AzuriteProcess.StartAsync(new AzuriteOptions { Port = port });
        await using var factory = new TaskFunctionsFactory(first.ConnectionString);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        first.Kill();
        await first.DisposeAsync();
        var whileDown = await client.GetAsync("/health");
        await using var second = await AzuriteProcess.StartAsync(new AzuriteOptions { Port = port });
        var afterRestart = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownRoute_404ProblemJson()
    {
        await using var factory = new TaskFunctionsFactory(azurite.ConnectionString);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
