using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Authentication;

public sealed class JwtAuthenticatorTests : IDisposable
{
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    private JwtAuthenticator Create(TimeProvider time) => new(
        new AuthSettings
        {
            Mode = AuthenticationMode.Jwt,
            Issuer = TestTokens.Issuer,
            Audiences = [TestTokens.Audience],
            SigningKeys = [_tokens.RsaPublicPem],
            AdminGroup = "admins",
        },
        time);

    [Fact]
    public async Task AuthenticateAsync_HostClockPastExpiry_RejectedAsExpired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = Create(clock);
        var token = _tokens.Rsa();
        clock.Advance(TimeSpan.FromMinutes(12));

        var outcome = await authenticator.AuthenticateAsync(token);

        Assert.Null(outcome.Caller);
        Assert.Contains("expired at", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_HostClockWithinLifetime_UserWithGroups()
    {
        var authenticator = Create(new ManualTimeProvider(DateTimeOffset.UtcNow));

        var outcome = await authenticator.AuthenticateAsync(_tokens.Rsa("alice", d => d.Claims["groups"] = new[] { "admins", "sales" }));

        Assert.NotNull(outcome.Caller);
        Assert.Equal("alice", outcome.Caller.UserId);
        Assert.True(outcome.Caller.IsAdmin);
        Assert.Equal(["admins", "sales"], outcome.Caller.Groups);
    }

    [Fact]
    public async Task AuthenticateAsync_HmacTokenWhenOnlyRsaTrusted_Rejected()
    {
        var authenticator = Create(TimeProvider.System);

        var outcome = await authenticator.AuthenticateAsync(_tokens.Hmac());

        Assert.Null(outcome.Caller);
        Assert.Contains("signature", outcome.Failure, StringComparison.Ordinal);
    }
}
