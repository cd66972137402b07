using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Authentication;

[Collection(AzuriteCollection.Name)]
public sealed class JwtAuthenticationTests(AzuriteFixture azurite) : IDisposable
{
    private const string Me = "/v2/authentication/me";
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task GetMe_ValidRsaToken_200WithUserGroupsAndRoles()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        var token = _tokens.Rsa("alice", d =>
        {
            d.Claims["groups"] = new[] { "sales", "support" };
            d.Claims["roles"] = new[] { "reader" };
            d.Claims["name"] = "Alice Example";
            d.Claims["email"] = "alice@example.test";
        });
        using var client = host.Client(token);

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("alice", body.GetProperty("username").GetString());
        Assert.Equal("Alice Example", body.GetProperty("displayName").GetString());
        Assert.Equal("alice@example.test", body.GetProperty("email").GetString());
        Assert.Equal(["sales", "support"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["reader"], body.GetProperty("roles").EnumerateArray().Select(g => g.GetString()));
        Assert.False(body.GetProperty("isAdmin").GetBoolean());
        Assert.False(body.GetProperty("canLogout").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_ValidHmacToken_200WithUser()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client(_tokens.Hmac("bob"));

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("bob", body.GetProperty("username").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_UserClaimConfigured_UsernameFromThatClaim()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings(("userClaim", "preferred_username")));
        using var client = host.Client(_tokens.Rsa("0f3a-guid", d => d.Claims["preferred_username"] = "carol"));

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("carol", body.GetProperty("username").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_AdminGroup_CallerIsAdmin()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client(_tokens.Rsa("root", d => d.Claims["groups"] = new[] { "admins" }));

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_AdminRole_CallerIsAdmin()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client(_tokens.Hmac("root", d => d.Claims["roles"] = "task-admin"));

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_IdentityHeadersWithToken_HeadersIgnored()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client(_tokens.Rsa("alice"));
        client.DefaultRequestHeaders.Add(CallerHeaders.UserId, "mallory");
        client.DefaultRequestHeaders.Add(CallerHeaders.Groups, "admins");

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("alice", body.GetProperty("username").GetString());
        Assert.Empty(body.GetProperty("groups").EnumerateArray());
        Assert.False(body.GetProperty("isAdmin").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_IdentityHeadersWithoutToken_401()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client();
        client.DefaultRequestHeaders.Add(CallerHeaders.UserId, "mallory");

        using var response = await client.GetAsync(Me);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "bearer token is required");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string> RejectedTokens() => new()
    {
        { "expired", "expired at" },
        { "not-yet-valid", "not valid before" },
        { "wrong-issuer", "issuer" },
        { "wrong-audience", "audience" },
        { "wrong-key", "signature does not verify" },
        { "no-expiry", "no expiry" },
        { "alg-none", "not signed" },
        { "malformed", "not a well-formed JWT" },
        { "no-user-claim", "no 'sub' claim" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(RejectedTokens))]
    public async Task GetMe_RejectedToken_401InvalidTokenSayingWhy(string kind, string reason)
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        var token = kind switch
        {
            "expired" => _tokens.Rsa(change: d => (d.NotBefore, d.Expires, d.IssuedAt) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddHours(-2))),
            "not-yet-valid" => _tokens.Rsa(change: d => (d.NotBefore, d.Expires) = (DateTime.UtcNow.AddMinutes(5), DateTime.UtcNow.AddMinutes(30))),
            "wrong-issuer" => _tokens.Rsa(change: d => d.Issuer = "https://evil.test/"),
            "wrong-audience" => _tokens.Hmac(change: d => d.Audience = "another-api"),
            "wrong-key" => _tokens.WrongKey(),
            "no-expiry" => _tokens.Rsa(change: d => d.Expires = null),
            "alg-none" => TestTokens.Unsigned(),
            "malformed" => "not-a.jwt",
            "no-user-claim" => _tokens.Rsa(change: d => d.Claims.Remove("sub")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = host.Client(token);

        using var response = await client.GetAsync(Me);

        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, reason);
        Assert.Equal("UNAUTHORIZED", body.GetProperty("title").GetString());
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("error=\"invalid_token\"", challenge.Parameter);
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_NotBearerScheme_401()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "YWxpY2U6c2VjcmV0");

        using var response = await client.GetAsync(Me);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "Bearer <JWT>");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_WithinClockSkew_200()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings(("clockSkew", "120")));
        using var client = host.Client(_tokens.Rsa(change: d => (d.IssuedAt, d.NotBefore, d.Expires) = (DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddSeconds(-60))));

        using var response = await client.GetAsync(Me);

        await ProblemAssert.IsJsonAsync(response);
    }

    [Fact(Timeout = 60_000)]
    public async Task Health_JwtModeWithoutToken_200()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task OpenApi_JwtModeWithoutToken_200WithBearerScheme()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client("stale.token.value");

        using var response = await client.GetAsync("/openapi/v1.json");

        var body = await ProblemAssert.IsJsonAsync(response);
        var scheme = body.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("security").ValueKind);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownRoute_JwtModeWithoutToken_401()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client();

        using var response = await client.GetAsync("/v2/nothing-here");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
