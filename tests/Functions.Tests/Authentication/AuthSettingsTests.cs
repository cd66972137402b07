using Microsoft.Extensions.Configuration;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;

namespace TaskFunctions.Functions.Tests.Authentication;

public sealed class AuthSettingsTests : IDisposable
{
    private const string Auth = "AzureFunctionsJobHost:extensions:taskFunctions:auth:";
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    private static AuthSettings Read(params (string Name, string? Value)[] settings) =>
        AuthSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(Auth + s.Name, s.Value)))
            .Build());

    [Fact]
    public void FromConfiguration_NoSection_ModeNone() =>
        Assert.Equal(AuthenticationMode.None, Read().Mode);

    [Theory]
    [InlineData("jwt")]
    [InlineData("JWT")]
    [InlineData("Jwt")]
    public void FromConfiguration_JwtInAnyCasing_JwtModeWithDefaults(string mode)
    {
        var settings = Read(("mode", mode), ("issuer", "https://idp/"), ("audience", "api"), ("signingKeys:0", _tokens.HmacSetting));

        Assert.Equal(AuthenticationMode.Jwt, settings.Mode);
        Assert.Equal(["api"], settings.Audiences);
        Assert.Equal("sub", settings.UserClaim);
        Assert.Equal("groups", settings.GroupsClaim);
        Assert.Equal("roles", settings.RolesClaim);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ClockSkew);
    }

    [Fact]
    public void FromConfiguration_AudienceListAndSkewAsTimeSpan_Read()
    {
        var settings = Read(("mode", "Jwt"), ("issuer", "https://idp/"), ("audience:0", "a"), ("audience:1", "b"),
            ("signingKeys", _tokens.RsaPublicPem), ("clockSkew", "00:00:30"));

        Assert.Equal(["a", "b"], settings.Audiences);
        Assert.Single(settings.SigningKeys);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ClockSkew);
    }

    [Theory]
    [InlineData("audience", "auth.audience is missing")]
    [InlineData("issuer", "auth.issuer is missing")]
    [InlineData("signingKeys:0", "auth.signingKeys or")]
    public void FromConfiguration_JwtSettingMissing_ExceptionNamingIt(string missing, string message)
    {
        var all = new (string, string?)[] { ("mode", "Jwt"), ("issuer", "https://idp/"), ("audience", "api"), ("signingKeys:0", _tokens.HmacSetting) };

        var error = Assert.Throws<HostConfigurationException>(() => Read(all.Where(s => s.Item1 != missing).ToArray()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode", "Basic", "auth.mode must be 'None' or 'Jwt', got 'Basic'")]
    [InlineData("signingKeys:0", "hmac:c2hvcnQ=", "signingKeys[0] is not a usable key: the shared secret is 5 bytes")]
    [InlineData("signingKeys:0", "hmac:***", "not base64")]
    [InlineData("signingKeys:0", "secret", "expected a PEM public key")]
    [InlineData("signingKeys:0", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "private key")]
    [InlineData("clockSkew", "2 minutes", "clockSkew must be between 0 and 600 seconds")]
    [InlineData("metadataAddress", "idp.test/config", "metadataAddress must be the absolute http(s) URL")]
    public void FromConfiguration_WrongValue_ExceptionNamingIt(string name, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["mode"] = "Jwt",
            ["issuer"] = "https://idp/",
            ["audience"] = "api",
            ["signingKeys:0"] = _tokens.HmacSetting,
            [name] = value,
        };

        var error = Assert.Throws<HostConfigurationException>(() => Read(settings.Select(s => (s.Key, s.Value)).ToArray()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_MetadataAddressOnly_IssuerFromDiscovery()
    {
        var settings = Read(("mode", "Jwt"), ("audience", "api"), ("metadataAddress", "https://idp.test/.well-known/openid-configuration"));

        Assert.Null(settings.Issuer);
        Assert.Equal(new Uri("https://idp.test/.well-known/openid-configuration"), settings.MetadataAddress);
    }

    [Fact]
    public void SigningKeys_JwksDocument_EveryKeyRead()
    {
        var jwks = "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(_tokens.HmacSecret) + "\",\"kid\":\"one\"}]}";

        var keys = SigningKeys.Parse([jwks, _tokens.RsaPublicPem]);

        Assert.Equal(2, keys.Count);
    }
}
