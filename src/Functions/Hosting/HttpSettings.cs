using System.Text;
using System.Text.Json.Nodes;
using TaskFunctions.Functions.Api;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// The limits every HTTP request is held to (host.json <c>extensions.taskFunctions.http</c>). Each violation is a
/// 400 or 413 whose detail names the limit and its setting.
/// </summary>
public sealed record HttpSettings
{
    public const string SectionName = $"{FunctionsConfiguration.HostSection}:extensions:taskFunctions:http";

    /// <summary>Largest request body accepted (<c>maxRequestBodySize</c>), in bytes. Default 4 MiB.</summary>
    public long MaxRequestBodySize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Largest serialized variables document one command may carry (<c>maxVariablesSize</c>), in bytes. Default
    /// 512 KiB, well inside the 1 MiB an instance's storage row can hold.
    /// </summary>
    public int MaxVariablesSize { get; init; } = 512 * 1024;

    /// <summary>Deepest JSON nesting accepted in a body (<c>maxJsonDepth</c>). Default 64.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>Largest page a search may ask for (<c>maxPageSize</c>). Default 1000.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>
    /// How long the outcome of a command sent with an <c>Idempotency-Key</c> is replayed (<c>idempotencyRetention</c>,
    /// a TimeSpan such as <c>"1.00:00:00"</c>). Default 24 hours.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Origins whose browser pages may call the API (<c>corsOrigins</c>: one origin or a list, such as
    /// <c>"https://tasks.example.com"</c>). Empty by default: no cross-origin page may call it.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public static HttpSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new HttpSettings();
        var settings = new HttpSettings
        {
            MaxRequestBodySize = Number(section, "maxRequestBodySize", defaults.MaxRequestBodySize),
            MaxVariablesSize = Number(section, "maxVariablesSize", defaults.MaxVariablesSize),
            MaxJsonDepth = Number(section, "maxJsonDepth", defaults.MaxJsonDepth),
            MaxPageSize = Number(section, "maxPageSize", defaults.MaxPageSize),
            IdempotencyRetention = Duration(section, "idempotencyRetention") ?? defaults.IdempotencyRetention,
            CorsOrigins = Origins(section),
        };
        Require(settings.MaxRequestBodySize is >= 1024, "maxRequestBodySize", "at least 1024 bytes", settings.MaxRequestBodySize);
        Require(settings.MaxVariablesSize is >= 1024 and <= 768 * 1024, "maxVariablesSize", "between 1024 and 786432 bytes", settings.MaxVariablesSize);
        Require(settings.MaxJsonDepth is >= 8 and <= 256, "maxJsonDepth", "between 8 and 256", settings.MaxJsonDepth);
        Require(settings.MaxPageSize is >= 1 and <= 1000, "maxPageSize", "between 1 and 1000", settings.MaxPageSize);
        Require(settings.IdempotencyRetention >= TimeSpan.FromMinutes(1) && settings.IdempotencyRetention <= TimeSpan.FromDays(30),
            "idempotencyRetention", "between 00:01:00 and 30.00:00:00", settings.IdempotencyRetention);
        return settings;
    }

    /// <summary>
    /// The 413 for a variables document larger than <see cref="MaxVariablesSize"/>, or null when it fits.
    /// <paramref name="field"/> names the body field the variables came in.
    /// </summary>
    public ProblemHttpResult? CheckVariables(JsonNode? variables, string field = "variables")
    {
        if (variables is null)
        {
            return null;
        }

        var size = Encoding.UTF8.GetByteCount(variables.ToJsonString());
        return size <= MaxVariablesSize
            ? null
            : ApiProblems.TooLarge(
                $"The {field} are {size} bytes when serialized; the limit is {MaxVariablesSize} bytes " +
                "(host.json extensions.taskFunctions.http.maxVariablesSize).",
                field);
    }

    private static T Number<T>(IConfigurationSection section, string name, T fallback)
        where T : struct, IParsable<T>
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return T.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new HostConfigurationException($"host.json extensions.taskFunctions.http.{name} must be a whole number, got '{text}'.");
    }

    // One origin or a list; each scheme://host[:port] exactly, as browsers send it in the Origin header.
    private static string[] Origins(IConfigurationSection section)
    {
        var single = section["corsOrigins"];
        var values = !string.IsNullOrWhiteSpace(single)
            ? [single]
            : section.GetSection("corsOrigins").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Trim().Length > 0).ToArray();
        return values.Select(value =>
        {
            var text = value.Trim().TrimEnd('/');
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/"
                   && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
                ? uri.GetLeftPart(UriPartial.Authority)
                : throw new HostConfigurationException(
                    $"host.json extensions.taskFunctions.http.corsOrigins must list origins such as \"https://tasks.example.com\" (scheme, host and port, no path or wildcard), got '{value}'.");
        }).ToArray();
    }

    private static TimeSpan? Duration(IConfigurationSection section, string name)
    {
        var text = section[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new HostConfigurationException(
                $"host.json extensions.taskFunctions.http.{name} must be a duration such as \"1.00:00:00\" (d.hh:mm:ss), got '{text}'.");
    }

    private static void Require(bool condition, string name, string allowed, object value)
    {
        if (!condition)
        {
            throw new HostConfigurationException(
                $"host.json extensions.taskFunctions.http.{name} must be {allowed}, got {value}.");
        }
    }
}
