using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// The Table service of one storage account: creates, deletes and lists tables, probes reachability, and hands out
/// <see cref="TableClient"/>s that share its pipeline (retries, authentication, policies).
/// </summary>
public sealed class TableServiceClient
{
    /// <summary>The Azure AD scope for Storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly TableRestChannel _channel;

    /// <summary>From a storage connection string (see <see cref="TableConnectionString"/>).</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
        : this(TableConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>With an account key; <paramref name="endpoint"/> includes the account for path-style hosts.</summary>
    public TableServiceClient(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new TableClientOptions();
        _channel = new TableRestChannel(Build(options, new SharedKeyLitePolicy(credential, options.TimeProvider)), endpoint);
        AccountName = credential.AccountName;
    }

    /// <summary>With Azure AD (e.g. a managed identity); the endpoint must be https.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new TableClientOptions();
        _channel = new TableRestChannel(Build(options, new BearerTokenAuthenticationPolicy(credential, StorageScope)), endpoint);
        AccountName = TableConnectionString.IsPathStyle(endpoint)
            ? endpoint.AbsolutePath.Trim('/').Split('/')[0]
            : endpoint.Host.Split('.')[0];
    }

    private TableServiceClient(TableConnectionString connection, TableClientOptions? options)
        : this(connection.TableEndpoint, connection.Credential, options)
    {
    }

    public string AccountName { get; }

    /// <summary>The Table service endpoint (with the account in the path for path-style hosts).</summary>
    public Uri Endpoint => new(_channel.Endpoint);

    public TableClient GetTableClient(string tableName)
    {
        TableNames.Validate(tableName);
        return new TableClient(this, _channel, tableName);
    }

    /// <summary>Creates the table; an existing table is not an error (the 409 response is returned).</summary>
    public async Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
    {
        TableNames.Validate(tableName);
        using var message = _channel.CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        TableRestChannel.SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = tableName }));
        var response = await _channel.SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var error = TableRestChannel.CreateException(message, response);
            if (error.Kind != TableErrorKind.AlreadyExists)
            {
                throw error;
            }
        }

        return Response.FromValue(new TableItem(tableName), response);
    }

    /// <summary>Deletes the table; a table that does not exist is not an error (the 404 response is returned).</summary>
    public async Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        TableNames.Validate(tableName);
        using var message = _channel.CreateMessage(RequestMethod.Delete, $"Tables('{tableName}')");
        return await _channel.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
    }

    /// <summary>Lists tables, optionally filtered (build the filter with <see cref="TableFilter"/>).</summary>
    public AsyncPageable<TableItem> QueryTablesAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new TablePageable<TableItem>((token, pageSize, ct) => QueryTablesPageAsync(filter, pageSize ?? maxPerPage, token, ct), cancellationToken);

    /// <summary>Lists tables matching <paramref name="filter"/>.</summary>
    public AsyncPageable<TableItem> QueryTablesAsync(TableFilter filter, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        QueryTablesAsync(filter.ToString(), maxPerPage, cancellationToken);

    /// <summary>
    /// Whether the Table service answers a cheap signed request (<c>GET /Tables?$top=1</c>) successfully; for health
    /// checks. Never throws for storage failures: an unreachable, failing or unauthorised service reports false.
    /// </summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var message = _channel.CreateMessage(RequestMethod.Get, "Tables?$top=1");
            await _channel.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
    }

    private async Task<Page<TableItem>> QueryTablesPageAsync(string? filter, int? top, string? continuation, CancellationToken cancellationToken)
    {
        var query = new TableQueryString()
            .Add("$filter", filter)
            .Add("$top", top)
            .Add("NextTableName", continuation);
        using var message = _channel.CreateMessage(RequestMethod.Get, "Tables" + query);
        var response = await _channel.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var items = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(t => new TableItem(t.GetProperty("TableName").GetString()!))
            .ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next);
        return Page<TableItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }

    private static HttpPipeline Build(TableClientOptions options, HttpPipelinePolicy authentication) =>
        HttpPipelineBuilder.Build(options, perCallPolicies: [], perRetryPolicies: [authentication], new ResponseClassifier());
}
