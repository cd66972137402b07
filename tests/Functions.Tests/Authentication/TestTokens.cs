using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskFunctions.Functions.Tests.Authentication;

/// <summary>Keys and tokens a test signs itself, for an issuer and audience the test host is configured with.</summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://idp.test/";
    public const string Audience = "taskfunctions-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);

    public TestTokens()
    {
        RsaKey = new RsaSecurityKey(_rsa) { KeyId = "test-rsa" };
        HmacSecret = RandomNumberGenerator.GetBytes(32);
    }

    public RsaSecurityKey RsaKey { get; }

    public byte[] HmacSecret { get; }

    /// <summary>The RSA public key as the host's <c>signingKeys</c> entry.</summary>
    public string RsaPublicPem => _rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>The shared secret as the host's <c>signingKeys</c> entry.</summary>
    public string HmacSetting => "hmac:" + Convert.ToBase64String(HmacSecret);

    /// <summary>Host settings for Jwt mode trusting both keys.</summary>
    public Dictionary<string, string?> Settings(params (string Name, string? Value)[] more)
    {
        const string auth = "AzureFunctionsJobHost:extensions:taskFunctions:auth:";
        var settings = new Dictionary<string, string?>
        {
            [auth + "mode"] = "jwt",
            [auth + "issuer"] = Issuer,
            [auth + "audience"] = Audience,
            [auth + "signingKeys:0"] = RsaPublicPem,
            [auth + "signingKeys:1"] = HmacSetting,
            [auth + "adminGroup"] = "admins",
            [auth + "adminRole"] = "task-admin",
        };
        foreach (var (name, value) in more)
        {
            settings[auth + name] = value;
        }

        return settings;
    }

    /// <summary>An RS256 token for <paramref name="subject"/>; <paramref name="change"/> adjusts it.</summary>
    public string Rsa(string subject = "alice", Action<SecurityTokenDescriptor>? change = null) =>
        Create(subject, new SigningCredentials(RsaKey, SecurityAlgorithms.RsaSha256), change);

    /// <summary>An HS256 token.</summary>
    public string Hmac(string subject = "alice", Action<SecurityTokenDescriptor>? change = null) =>
        Create(subject, new SigningCredentials(new SymmetricSecurityKey(HmacSecret), SecurityAlgorithms.HmacSha256), change);

    /// <summary>A token signed by a key the host does not know, with the trusted key's id.</summary>
    public string WrongKey(string subject = "alice") =>
        Create(subject, new SigningCredentials(new RsaSecurityKey(_otherRsa) { KeyId = "test-rsa" }, SecurityAlgorithms.RsaSha256), null);

    /// <summary>An unsigned token (<c>alg: none</c>) with valid claims.</summary>
    public static string Unsigned(string subject = "alice")
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow;
        return Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Encode(
            $"{{\"sub\":\"{subject}\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{now.AddMinutes(10).ToUnixTimeSeconds()},\"nbf\":{now.AddMinutes(-1).ToUnixTimeSeconds()}}}") + ".";
    }

    private static string Create(string subject, SigningCredentials credentials, Action<SecurityTokenDescriptor>? change)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _otherRsa.Dispose();
    }
}
