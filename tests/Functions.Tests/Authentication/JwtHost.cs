using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Authentication;

/// <summary>The host on a fresh hub with extra settings and, when given, services replaced for the test.</summary>
public sealed class JwtHost : IAsyncDisposable
{
    private readonly TaskFunctionsFactory _factory;
    private readonly WebApplicationFactory<Program> _configured;

    public JwtHost(AzuriteFixture azurite, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _factory = new TaskFunctionsFactory(azurite.ConnectionString, "T" + Guid.NewGuid().ToString("N")[..16], settings);
        _configured = services is null ? _factory : _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services));
    }

    public IServiceProvider Services => _configured.Services;

    public HttpClient Client(string? token = null)
    {
        var client = _configured.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(_configured, _factory))
        {
            await _configured.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }
}
