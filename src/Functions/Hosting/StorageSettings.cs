using TaskFunctions.Storage;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Functions.Hosting;

/// <summary>Where the host keeps its state, from app settings in the Functions conventions.</summary>
public sealed record StorageSettings
{
    /// <summary>The app setting holding the Storage connection string, as in Azure Functions.</summary>
    public const string ConnectionSettingName = "AzureWebJobsStorage";

    /// <summary>
    /// For a Storage account without a key (managed identity): the app setting holding the Table endpoint, as in
    /// Functions' identity-based connections (<c>AzureWebJobsStorage__tableServiceUri</c>).
    /// </summary>
    public const string TableServiceUriSettingName = "AzureWebJobsStorage:tableServiceUri";

    public const string DefaultHubName = TaskHub.DefaultName;

    /// <summary>The connection string, or <see langword="null"/> when a Table endpoint with a token credential is used.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The Table endpoint used with <c>DefaultAzureCredential</c> when there is no connection string.</summary>
    public Uri? TableServiceUri { get; init; }

    /// <summary>Prefix of every table name, so several deployments can share one account.</summary>
    public string HubName { get; init; } = DefaultHubName;

    /// <summary>Whether the host may start Azurite when the connection points at a local emulator nobody runs.</summary>
    public bool AzuriteAutoStart { get; init; } = true;

    /// <summary>Where an Azurite started by the host keeps its data.</summary>
    public string? AzuriteDataDirectory { get; init; }

    /// <summary>Reads the settings, failing with a message that says which setting is wrong and how to fix it.</summary>
    public static StorageSettings FromConfiguration(IConfiguration configuration)
    {
        var connection = configuration[ConnectionSettingName];
        var tableUri = configuration[TableServiceUriSettingName];
        if (string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(tableUri))
        {
            throw new HostConfigurationException(
                $"The '{ConnectionSettingName}' setting is missing. For a local run, copy local.settings.example.json to " +
                $"local.settings.json (it sets {ConnectionSettingName}=UseDevelopmentStorage=true); in Azure, set it to the " +
                $"Storage account's connection string, or set '{ConnectionSettingName}__tableServiceUri' to use a managed identity.");
        }

        Uri? tableServiceUri = null;
        if (string.IsNullOrWhiteSpace(connection)
            && (!Uri.TryCreate(tableUri, UriKind.Absolute, out tableServiceUri) || tableServiceUri.Scheme is not ("https" or "http")))
        {
            throw new HostConfigurationException(
                $"The '{ConnectionSettingName}__tableServiceUri' setting must be an absolute http(s) URI such as " +
                $"https://myaccount.table.core.windows.net, got '{tableUri}'.");
        }

        if (!string.IsNullOrWhiteSpace(connection))
        {
            try
            {
                TableConnectionString.Parse(connection);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new HostConfigurationException(
                    $"The '{ConnectionSettingName}' setting is not a usable Storage connection string: {e.Message}", e);
            }
        }

        var hub = configuration[$"{FunctionsConfiguration.HostSection}:extensions:taskFunctions:hubName"] ?? DefaultHubName;
        if (!TaskHub.IsValidName(hub))
        {
            throw new HostConfigurationException(
                $"The hub name '{hub}' (host.json extensions.taskFunctions.hubName) must be 3–45 letters or digits, starting with a letter, " +
                "because it prefixes table names.");
        }

        return new StorageSettings
        {
            ConnectionString = string.IsNullOrWhiteSpace(connection) ? null : connection,
            TableServiceUri = tableServiceUri,
            HubName = hub,
            AzuriteAutoStart = configuration.GetValue("AzuriteAutoStart", true),
            AzuriteDataDirectory = configuration["AzuriteDataDirectory"],
        };
    }
}
