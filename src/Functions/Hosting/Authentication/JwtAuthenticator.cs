using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// Validates bearer tokens in Jwt mode: signature (by a configured key or one of the identity provider's published
/// keys), issuer, audience and lifetime on the host's clock. Unsigned tokens (<c>alg: none</c>) are refused. Failures
/// are described without repeating the token.
/// </summary>
public sealed class JwtAuthenticator
{
    private readonly AuthSettings _settings;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly IdentityProviderKeys? _provider;

    public JwtAuthenticator(AuthSettings settings, TimeProvider time, IDocumentRetriever? metadataRetriever = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidateIssuer = true,
            ValidAudiences = settings.Audiences,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = settings.ClockSkew,
            // The host's clock, not the machine's, so lifetimes follow the TimeProvider the rest of the host uses.
            LifetimeValidator = (notBefore, expires, _, _) => CheckLifetime(time.GetUtcNow().UtcDateTime, notBefore, expires, settings.ClockSkew),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = SigningKeys.Parse(settings.SigningKeys),
            NameClaimType = settings.UserClaim,
            RoleClaimType = settings.RolesClaim,
            LogValidationExceptions = false,
        };
        if (settings.MetadataAddress is { } address)
        {
            _provider = new IdentityProviderKeys(
                address, metadataRetriever ?? new HttpDocumentRetriever { RequireHttps = address.Scheme == Uri.UriSchemeHttps }, time);
        }
    }

    /// <summary>The user the token names, or why it was refused.</summary>
    public async Task<JwtOutcome> AuthenticateAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_handler.CanReadToken(token))
        {
            return JwtOutcome.Rejected("The bearer token is not a well-formed JWT.");
        }

        JsonWebToken read;
        try
        {
            read = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return JwtOutcome.Rejected("The bearer token is not a well-formed JWT.");
        }

        if (string.Equals(read.Alg, "none", StringComparison.OrdinalIgnoreCase) || read.EncodedSignature.Length == 0)
        {
            return JwtOutcome.Rejected("The token is not signed; unsigned tokens (alg \"none\") are not accepted.");
        }

        TokenValidationResult result;
        try
        {
            result = await ValidateAsync(read, refresh: false).ConfigureAwait(false);
            if (!result.IsValid && _provider is not null
                && result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException)
            {
                // Perhaps the provider rotated its keys since they were cached.
                result = await ValidateAsync(read, refresh: true).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            return JwtOutcome.Unavailable();
        }

        if (!result.IsValid)
        {
            return JwtOutcome.Rejected(Describe(result.Exception, read));
        }

        return UserFrom((JsonWebToken)result.SecurityToken);
    }

    private async Task<TokenValidationResult> ValidateAsync(JsonWebToken token, bool refresh)
    {
        var parameters = _parameters;
        if (_provider is not null)
        {
            var metadata = refresh
                ? await _provider.RefreshAsync(CancellationToken.None).ConfigureAwait(false)
                : await _provider.GetAsync(CancellationToken.None).ConfigureAwait(false);
            parameters = _parameters.Clone();
            parameters.ValidIssuer ??= metadata.Issuer;
            parameters.IssuerSigningKeys = [.. _parameters.IssuerSigningKeys, .. metadata.SigningKeys];
        }

        return await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
    }

    private static bool CheckLifetime(DateTime now, DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } from && from > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = from };
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException("The token expired.") { Expires = expires.Value };
        }

        return true;
    }

    private JwtOutcome UserFrom(JsonWebToken token)
    {
        var userId = token.Claims.FirstOrDefault(c => c.Type == _settings.UserClaim)?.Value;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return JwtOutcome.Rejected($"The token has no '{_settings.UserClaim}' claim naming the user (auth.userClaim).");
        }

        var groups = Values(token, _settings.GroupsClaim);
        var roles = Values(token, _settings.RolesClaim);
        var isAdmin = (_settings.AdminGroup is { } group && groups.Contains(group, StringComparer.Ordinal))
            || (_settings.AdminRole is { } role && roles.Contains(role, StringComparer.Ordinal));
        var caller = isAdmin ? Caller.Admin(userId, groups) : Caller.User(userId, groups);
        var user = new AuthenticatedUser(
            userId,
            token.Claims.FirstOrDefault(c => c.Type == "name")?.Value ?? userId,
            token.Claims.FirstOrDefault(c => c.Type == "email")?.Value,
            groups,
            roles,
            isAdmin);
        return JwtOutcome.Authenticated(caller, user);
    }

    // A claim given as a JSON array yields one claim per element; a single string yields one.
    private static string[] Values(JsonWebToken token, string claimType) =>
        token.Claims.Where(c => c.Type == claimType).Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToArray();

    private string Describe(Exception? exception, JsonWebToken token) => exception switch
    {
        SecurityTokenExpiredException => $"The token expired at {token.ValidTo:O} (allowed clock skew {_settings.ClockSkew.TotalSeconds:0} s).",
        SecurityTokenNotYetValidException => $"The token is not valid before {token.ValidFrom:O}.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp); tokens must expire.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is invalid (nbf after exp).",
        SecurityTokenInvalidIssuerException => "The token's issuer (iss) is not the issuer this host trusts.",
        SecurityTokenInvalidAudienceException => "The token's audience (aud) is not one this host accepts.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token's signature does not verify with any key this host trusts.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenMalformedException => "The bearer token is not a well-formed JWT.",
        _ => "The token could not be validated.",
    };
}

/// <summary>The result of checking a bearer token.</summary>
public sealed record JwtOutcome(Caller? Caller, AuthenticatedUser? User, string? Failure, bool IsUnavailable)
{
    public static JwtOutcome Authenticated(Caller caller, AuthenticatedUser user) => new(caller, user, null, false);

    public static JwtOutcome Rejected(string reason) => new(null, null, reason, false);

    /// <summary>The identity provider's keys could not be fetched: not the caller's fault.</summary>
    public static JwtOutcome Unavailable() => new(null, null, "The identity provider's signing keys could not be fetched; retry later.", true);
}
