using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// The identity provider's discovery document and signing keys (<c>auth.metadataAddress</c>), fetched on first use and
/// cached for <see cref="RefreshInterval"/>. A token signed with a key the cache does not know forces a fetch, at most
/// once per <see cref="MinimumForcedRefreshInterval"/>, so a key rotation is picked up at once without letting
/// tokens with made-up key ids hammer the provider. When a refresh fails the last keys fetched stay in use.
/// </summary>
public sealed class IdentityProviderKeys(Uri address, IDocumentRetriever retriever, TimeProvider time)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    /// <summary>The cached document, fetched when missing or stale.</summary>
    /// <exception cref="InvalidOperationException">The provider never answered with a usable document.</exception>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) => GetAsync(force: false, cancellationToken);

    /// <summary>A fresh document if the last forced fetch is long enough ago; else the cached one.</summary>
    public Task<OpenIdConnectConfiguration> RefreshAsync(CancellationToken cancellationToken) => GetAsync(force: true, cancellationToken);

    private async Task<OpenIdConnectConfiguration> GetAsync(bool force, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_current is { } cached && now - _fetchedAt < RefreshInterval && !(force && now - _lastForced >= MinimumForcedRefreshInterval))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = time.GetUtcNow();
            var due = _current is null || now - _fetchedAt >= RefreshInterval;
            var forced = force && now - _lastForced >= MinimumForcedRefreshInterval;
            if (!due && !forced)
            {
                return _current!;
            }

            if (forced)
            {
                _lastForced = now;
            }

            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(address.ToString(), retriever, cancellationToken).ConfigureAwait(false);
                _fetchedAt = now;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException)
            {
                if (_current is null)
                {
                    throw new InvalidOperationException("The identity provider's discovery document or keys could not be fetched.", e);
                }
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
