using System.Globalization;

namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>
/// How callers authenticate (host.json <c>extensions.taskFunctions.auth</c>). In <see cref="AuthenticationMode.Jwt"/>
/// mode every request but the anonymous routes needs a bearer token signed by a trusted key, from the configured
/// issuer, for one of the configured audiences. Every missing or wrong setting fails the start with a message naming it.
/// </summary>
public sealed record AuthSettings
{
    public const string SectionName = $"{FunctionsConfiguration.HostSection}:extensions:taskFunctions:auth";

    private const string Prefix = "host.json extensions.taskFunctions.auth.";

    public AuthenticationMode Mode { get; init; } = AuthenticationMode.None;

    /// <summary>The token issuer (<c>iss</c>) accepted; taken from the discovery document when only <see cref="MetadataAddress"/> is set.</summary>
    public string? Issuer { get; init; }

    /// <summary>The audiences (<c>aud</c>) accepted; a token must name at least one.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Keys given directly (see <see cref="SigningKeys"/> for the formats).</summary>
    public IReadOnlyList<string> SigningKeys { get; init; } = [];

    /// <summary>An OpenID Connect discovery document (<c>…/.well-known/openid-configuration</c>) whose JWKS is trusted.</summary>
    public Uri? MetadataAddress { get; init; }

    /// <summary>The claim naming the user (default <c>sub</c>; e.g. <c>preferred_username</c>).</summary>
    public string UserClaim { get; init; } = "sub";

    /// <summary>The claim listing the user's groups (default <c>groups</c>).</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>The claim listing the user's roles (default <c>roles</c>).</summary>
    public string RolesClaim { get; init; } = "roles";

    /// <summary>Members of this group are administrators.</summary>
    public string? AdminGroup { get; init; }

    /// <summary>Holders of this role are administrators.</summary>
    public string? AdminRole { get; init; }

    /// <summary>
    /// Whether deploying, canceling process instances and resolving incidents need an administrator in Jwt mode
    /// (<c>restrictAdministration</c>, default true).
    /// </summary>
    public bool RestrictAdministration { get; init; } = true;

    /// <summary>How far token lifetimes may be off the host's clock (default 60 s).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    public static AuthSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var mode = section["mode"];
        if (string.IsNullOrWhiteSpace(mode) || string.Equals(mode, nameof(AuthenticationMode.None), StringComparison.OrdinalIgnoreCase))
        {
            return new AuthSettings();
        }

        if (!string.Equals(mode, nameof(AuthenticationMode.Jwt), StringComparison.OrdinalIgnoreCase))
        {
            throw new HostConfigurationException($"{Prefix}mode must be 'None' or 'Jwt', got '{mode}'.");
        }

        var defaults = new AuthSettings();
        var settings = new AuthSettings
        {
            Mode = AuthenticationMode.Jwt,
            Issuer = Text(section, "issuer"),
            Audiences = List(section, "audience"),
            SigningKeys = List(section, "signingKeys"),
            MetadataAddress = Address(section),
            UserClaim = Text(section, "userClaim") ?? defaults.UserClaim,
            GroupsClaim = Text(section, "groupsClaim") ?? defaults.GroupsClaim,
            RolesClaim = Text(section, "rolesClaim") ?? defaults.RolesClaim,
            AdminGroup = Text(section, "adminGroup"),
            AdminRole = Text(section, "adminRole"),
            ClockSkew = Skew(section) ?? defaults.ClockSkew,
            RestrictAdministration = Flag(section, "restrictAdministration") ?? defaults.RestrictAdministration,
        };

        if (settings.Audiences.Count == 0)
        {
            throw new HostConfigurationException(
                $"{Prefix}audience is missing: Jwt mode needs the audience (or a list of audiences) tokens must be issued for.");
        }

        if (settings.SigningKeys.Count == 0 && settings.MetadataAddress is null)
        {
            throw new HostConfigurationException(
                $"{Prefix}signingKeys or {Prefix}metadataAddress is missing: Jwt mode needs the keys tokens are signed with " +
                "(PEM public keys, JWKS JSON or 'hmac:<base64 secret>') or the identity provider's OpenID Connect discovery URL.");
        }

        if (settings.Issuer is null && settings.MetadataAddress is null)
        {
            throw new HostConfigurationException(
                $"{Prefix}issuer is missing: Jwt mode needs the issuer (iss) tokens must come from, unless metadataAddress names a discovery document that states it.");
        }

        // Parse the keys now, so a wrong key fails the start rather than every request.
        _ = Authentication.SigningKeys.Parse(settings.SigningKeys);
        return settings;
    }

    private static string? Text(IConfigurationSection section, string name)
    {
        var value = section[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    // A setting given as one string or as a JSON array (flattened to name:0, name:1, …).
    private static string[] List(IConfigurationSection section, string name)
    {
        if (Text(section, name) is { } single)
        {
            return [single];
        }

        return section.GetSection(name).GetChildren()
            .Select(child => child.Value?.Trim())
            .Where(value => !string.IsNullOrEmpty(value))
            .Select(value => value!)
            .ToArray();
    }

    private static bool? Flag(IConfigurationSection section, string name) => Text(section, name) switch
    {
        null => null,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new HostConfigurationException($"{Prefix}{name} must be true or false, got '{text}'."),
    };

    private static Uri? Address(IConfigurationSection section)
    {
        if (Text(section, "metadataAddress") is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new HostConfigurationException($"{Prefix}metadataAddress must be the absolute http(s) URL of an OpenID Connect discovery document, got '{text}'.");
    }

    private static TimeSpan? Skew(IConfigurationSection section)
    {
        if (Text(section, "clockSkew") is not { } text)
        {
            return null;
        }

        // Seconds as a number, or a TimeSpan such as "00:01:00".
        TimeSpan? skew = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
        return skew is { } value && value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(10)
            ? value
            : throw new HostConfigurationException($"{Prefix}clockSkew must be between 0 and 600 seconds (a number of seconds or hh:mm:ss), got '{text}'.");
    }
}
