using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace TaskFunctions.Functions.Hosting;

/// <summary>
/// Configuration in the Azure Functions conventions, lowest precedence first: <c>host.json</c> (host settings, under
/// <see cref="HostSection"/>), the <c>Values</c> of <c>local.settings.json</c> (app settings, for local runs), then
/// environment variables, then the command line. The environment wins, as in Functions.
/// </summary>
public static class FunctionsConfiguration
{
    /// <summary>The section host.json is read into, as the Functions host does.</summary>
    public const string HostSection = "AzureFunctionsJobHost";

    public const string HostFileName = "host.json";

    public const string LocalSettingsFileName = "local.settings.json";

    /// <summary>
    /// Puts host.json and local.settings.json under the environment variables and the command line, replacing
    /// ASP.NET Core's appsettings files. Files are looked up in <paramref name="directories"/> in order; the first
    /// directory that has a file wins.
    /// </summary>
    public static IConfigurationBuilder AddFunctionsConfiguration(this IConfigurationBuilder builder, IReadOnlyList<string> directories)
    {
        var sources = builder.Sources;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources.RemoveAt(i);
            }
        }

        var files = new List<IConfigurationSource>();
        if (FindFile(directories, HostFileName) is { } hostFile)
        {
            files.Add(new MemoryConfigurationSource { InitialData = ReadHostJson(hostFile) });
        }

        if (FindFile(directories, LocalSettingsFileName) is { } localSettings)
        {
            files.Add(new MemoryConfigurationSource { InitialData = ReadLocalSettingsValues(localSettings) });
        }

        // Below the first unprefixed environment source (the app's, not the host's ASPNETCORE_ one), or at the end.
        var position = sources.Count;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                position = i;
                break;
            }
        }

        for (var i = 0; i < files.Count; i++)
        {
            sources.Insert(position + i, files[i]);
        }

        return builder;
    }

    /// <summary>host.json flattened into configuration keys under <see cref="HostSection"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ReadHostJson(string path)
    {
        using var document = ParseFile(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: the top level must be a JSON object.");
        }

        var settings = new List<KeyValuePair<string, string?>>();
        Flatten(document.RootElement, HostSection, settings);

        // Functions' host.json "logging" section drives log levels; surface it where ASP.NET Core's logging reads it.
        if (document.RootElement.TryGetProperty("logging", out var logging)
            && logging.ValueKind == JsonValueKind.Object
            && logging.TryGetProperty("logLevel", out var logLevel))
        {
            Flatten(logLevel, "Logging:LogLevel", settings);
        }

        return settings;
    }

    /// <summary>The <c>Values</c> object of local.settings.json; nested names use <c>__</c> or <c>:</c>, as in Functions.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ReadLocalSettingsValues(string path)
    {
        using var document = ParseFile(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: the top level must be a JSON object.");
        }

        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return [];
        }

        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: \"Values\" must be an object of string settings.");
        }

        var settings = new List<KeyValuePair<string, string?>>();
        foreach (var value in values.EnumerateObject())
        {
            var key = value.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            settings.Add(new(key, value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString(),
                JsonValueKind.Null => null,
                _ => value.Value.GetRawText(),
            }));
        }

        return settings;
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string?>> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, ConfigurationPath.Combine(prefix, property.Name), into);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, ConfigurationPath.Combine(prefix, index++.ToString(System.Globalization.CultureInfo.InvariantCulture)), into);
                }

                break;
            case JsonValueKind.String:
                into.Add(new(prefix, element.GetString()));
                break;
            case JsonValueKind.Null:
                into.Add(new(prefix, null));
                break;
            default:
                into.Add(new(prefix, element.GetRawText()));
                break;
        }
    }

    private static string? FindFile(IReadOnlyList<string> directories, string name) =>
        directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
