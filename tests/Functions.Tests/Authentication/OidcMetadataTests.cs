using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Authentication;

[Collection(AzuriteCollection.Name)]
public sealed class OidcMetadataTests(AzuriteFixture azurite) : IDisposable
{
    private const string Discovery = "https://idp.test/.well-known/openid-configuration";
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task GetMe_KeysFromDiscoveryDocument_200AndKeysFetchedOnce()
    {
        using var provider = new FakeIdentityProvider(_tokens.RsaKey);
        await using var host = StartWithMetadata(provider);
        using var client = host.Client(_tokens.Rsa("dana"));

        using var first = await client.GetAsync("/v2/authentication/me");
        using var second = await client.GetAsync("/v2/authentication/me");

        Assert.Equal("dana", (await ProblemAssert.IsJsonAsync(first)).GetProperty("username").GetString());
        await ProblemAssert.IsJsonAsync(second);
        Assert.Equal(1, provider.Requests(Discovery));
        Assert.Equal(1, provider.Requests(FakeIdentityProvider.JwksUri));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_ProviderRotatedItsKey_KeysRefetchedAnd200()
    {
        using var rotated = System.Security.Cryptography.RSA.Create(2048);
        var newKey = new RsaSecurityKey(rotated) { KeyId = "rotated" };
        using var provider = new FakeIdentityProvider(_tokens.RsaKey);
        await using var host = StartWithMetadata(provider);
        using var oldClient = host.Client(_tokens.Rsa("dana"));
        await ProblemAssert.IsJsonAsync(await oldClient.GetAsync("/v2/authentication/me"));
        provider.Key = newKey;
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "erin" },
            SigningCredentials = new SigningCredentials(newKey, SecurityAlgorithms.RsaSha256),
        });
        using var client = host.Client(token);

        using var response = await client.GetAsync("/v2/authentication/me");

        Assert.Equal("erin", (await ProblemAssert.IsJsonAsync(response)).GetProperty("username").GetString());
        Assert.Equal(2, provider.Requests(FakeIdentityProvider.JwksUri));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_TokenFromAnotherIssuerThanDiscovery_401()
    {
        using var provider = new FakeIdentityProvider(_tokens.RsaKey);
        await using var host = StartWithMetadata(provider);
        using var client = host.Client(_tokens.Rsa(change: d => d.Issuer = "https://other.test/"));

        using var response = await client.GetAsync("/v2/authentication/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "issuer");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_DiscoveryUnreachable_503WithRetryAfter()
    {
        using var provider = new FakeIdentityProvider(_tokens.RsaKey) { Down = true };
        await using var host = StartWithMetadata(provider);
        using var client = host.Client(_tokens.Rsa());

        using var response = await client.GetAsync("/v2/authentication/me");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "signing keys could not be fetched");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    // Jwt mode with no issuer or keys of its own: both come from the discovery document.
    private JwtHost StartWithMetadata(FakeIdentityProvider provider)
    {
        const string auth = "AzureFunctionsJobHost:extensions:taskFunctions:auth:";
        var settings = new Dictionary<string, string?>
        {
            [auth + "mode"] = "Jwt",
            [auth + "audience"] = TestTokens.Audience,
            [auth + "metadataAddress"] = Discovery,
        };
        return new JwtHost(azurite, settings, services => services.AddSingleton<IDocumentRetriever>(
            new HttpDocumentRetriever(new HttpClient(provider))));
    }

    /// <summary>Serves a discovery document and its JWKS, counting requests.</summary>
    private sealed class FakeIdentityProvider(RsaSecurityKey key) : HttpMessageHandler
    {
        public RsaSecurityKey Key { get; set; } = key;

        public const string JwksUri = "https://idp.test/keys";
        private readonly Dictionary<string, int> _requests = [];

        public bool Down { get; init; }

        public int Requests(string uri)
        {
            lock (_requests)
            {
                return _requests.GetValueOrDefault(uri);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.ToString();
            lock (_requests)
            {
                _requests[uri] = _requests.GetValueOrDefault(uri) + 1;
            }

            if (Down)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            string? json = uri switch
            {
                "https://idp.test/.well-known/openid-configuration" =>
                    $"{{\"issuer\":\"{TestTokens.Issuer}\",\"jwks_uri\":\"{JwksUri}\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}}",
                JwksUri => $"{{\"keys\":[{System.Text.Json.JsonSerializer.Serialize(PublicJwk())}]}}",
                _ => null,
            };
            return Task.FromResult(json is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }

        private Dictionary<string, string> PublicJwk()
        {
            var parameters = Key.Rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = Key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        }
    }
}
