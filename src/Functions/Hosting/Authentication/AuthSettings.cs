namespace TaskFunctions.Functions.Hosting.Authentication;

/// <summary>How callers authenticate (host.json <c>extensions.taskFunctions.auth</c>).</summary>
public sealed record AuthSettings
{
    public const string SectionName = $"{FunctionsConfiguration.HostSection}:extensions:taskFunctions:auth";

    public AuthenticationMode Mode { get; init; } = AuthenticationMode.None;

    public static AuthSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var mode = section["mode"];
        if (string.IsNullOrWhiteSpace(mode) || string.Equals(mode, nameof(AuthenticationMode.None), StringComparison.OrdinalIgnoreCase))
        {
            return new AuthSettings();
        }

        throw new HostConfigurationException(
            $"host.json extensions.taskFunctions.auth.mode must be 'None', got '{mode}'.");
    }
}
