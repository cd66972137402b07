using System.Net;
using TaskFunctions.Storage.Emulator;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// A parsed storage connection string: where the Table service is and how to sign for it. Accepts
/// <c>UseDevelopmentStorage=true</c>, account name/key with protocol and endpoint suffix, and an explicit
/// <c>TableEndpoint=</c> (path style, account first in the path, when the host is an IP address or localhost).
/// </summary>
public sealed class TableConnectionString
{
    private static readonly string[] KnownSettings =
    [
        "UseDevelopmentStorage", "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix",
        "TableEndpoint", "BlobEndpoint", "QueueEndpoint", "FileEndpoint", "SharedAccessSignature",
    ];

    private TableConnectionString(Uri tableEndpoint, TableSharedKeyCredential credential)
    {
        TableEndpoint = tableEndpoint;
        Credential = credential;
    }

    /// <summary>The Table service endpoint, without a trailing slash; for path-style hosts it includes the account.</summary>
    public Uri TableEndpoint { get; }

    public TableSharedKeyCredential Credential { get; }

    public string AccountName => Credential.AccountName;

    /// <exception cref="ArgumentException">The string is empty, or a required setting is missing.</exception>
    /// <exception cref="FormatException">The string or one of its values is malformed.</exception>
    public static TableConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The storage connection string is empty.", nameof(connectionString));
        }

        var settings = Split(connectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out var useDevelopment))
        {
            if (!string.Equals(useDevelopment, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"UseDevelopmentStorage must be 'true', got '{useDevelopment}'.");
            }

            if (settings.Count > 1)
            {
                throw new FormatException("UseDevelopmentStorage=true cannot be combined with other settings; give the full connection string instead.");
            }

            return new TableConnectionString(
                DevelopmentStorage.TableEndpoint(DevelopmentStorage.DefaultTablePort),
                new TableSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new ArgumentException("SharedAccessSignature connection strings are not supported; use an account key or a TokenCredential.", nameof(connectionString));
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new ArgumentException("The storage connection string has no AccountKey.", nameof(connectionString));
        }

        settings.TryGetValue("AccountName", out var accountName);
        Uri endpoint;
        if (settings.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            endpoint = ParseEndpoint(explicitEndpoint);
            if (IsPathStyle(endpoint))
            {
                var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
                if (firstSegment.Length == 0)
                {
                    if (string.IsNullOrEmpty(accountName))
                    {
                        throw new ArgumentException("The TableEndpoint has no account in its path and there is no AccountName.", nameof(connectionString));
                    }

                    endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/" + accountName);
                }

                accountName = string.IsNullOrEmpty(accountName) ? firstSegment : accountName;
            }
            else if (string.IsNullOrEmpty(accountName))
            {
                accountName = endpoint.Host.Split('.')[0];
            }
        }
        else
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new ArgumentException("The storage connection string has neither AccountName nor TableEndpoint.", nameof(connectionString));
            }

            var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
            if (protocol is not ("http" or "https"))
            {
                throw new FormatException($"DefaultEndpointsProtocol must be 'http' or 'https', got '{protocol}'.");
            }

            var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net").Trim('.', '/');
            if (suffix.Length == 0 || Uri.CheckHostName($"{accountName}.table.{suffix}") != UriHostNameType.Dns)
            {
                throw new FormatException($"AccountName '{accountName}' and EndpointSuffix '{suffix}' do not form a valid host name.");
            }

            endpoint = new Uri($"{protocol}://{accountName}.table.{suffix}");
        }

        return new TableConnectionString(endpoint, new TableSharedKeyCredential(accountName, accountKey));
    }

    /// <summary>IP addresses and localhost carry the account in the path (the emulator's style).</summary>
    internal static bool IsPathStyle(Uri endpoint) =>
        endpoint.IsLoopback || IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out _);

    private static Uri ParseEndpoint(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            throw new FormatException($"TableEndpoint must be an absolute http or https URL without a query, got '{value}'.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';'))
        {
            if (string.IsNullOrWhiteSpace(segment))
            {
                continue;
            }

            // Split at the first '=' only: Base64 keys end in '='.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? segment[..equals].Trim() : string.Empty;
            if (name.Length == 0)
            {
                throw new FormatException($"The connection string segment '{Redact(segment)}' is not of the form Name=Value.");
            }

            if (!KnownSettings.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"The connection string has an unknown setting '{name}'.");
            }

            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                throw new FormatException($"The connection string sets '{name}' more than once.");
            }
        }

        if (settings.Count == 0)
        {
            throw new ArgumentException("The storage connection string has no settings.", nameof(connectionString));
        }

        return settings;
    }

    // Never echo what might be a key back into an exception message.
    private static string Redact(string segment) => segment.Length <= 12 ? segment : segment[..12] + "…";
}
