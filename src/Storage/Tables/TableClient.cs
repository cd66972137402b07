using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// One table: entity reads, writes (with ETag concurrency), queries that follow continuations, and
/// entity-group transactions. Shaped like Azure.Data.Tables' <c>TableClient</c>.
/// </summary>
public sealed class TableClient
{
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly TableRestChannel _channel;
    private readonly TableServiceClient _service;

    internal TableClient(TableServiceClient service, TableRestChannel channel, string name)
    {
        _service = service;
        _channel = channel;
        Name = name;
    }

    /// <summary>A client for <paramref name="tableName"/> from a storage connection string.</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
    {
        TableNames.Validate(tableName);
        var client = new TableServiceClient(connectionString, options).GetTableClient(tableName);
        (_service, _channel, Name) = (client._service, client._channel, client.Name);
    }

    public string Name { get; }

    public string AccountName => _service.AccountName;

    public Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _service.CreateTableIfNotExistsAsync(Name, cancellationToken);

    /// <summary>Deletes the table; a missing table is not an error.</summary>
    public Task<Response> DeleteAsync(CancellationToken cancellationToken = default) =>
        _service.DeleteTableAsync(Name, cancellationToken);

    /// <summary>Reads one row.</summary>
    /// <exception cref="TableRequestFailedException">With <see cref="TableErrorKind.NotFound"/> when the row or table is missing.</exception>
    public async Task<Response<TableEntity>> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntity(partitionKey, rowKey, select);
        var response = await _channel.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(ReadEntity(response), response);
    }

    /// <summary>Reads one row, or answers without a value when it does not exist.</summary>
    public async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntity(partitionKey, rowKey, select);
        var response = await _channel.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var error = TableRestChannel.CreateException(message, response);
            // A missing table is a deployment problem, not an absent row.
            if (error.ErrorCode == "TableNotFound")
            {
                throw error;
            }

            return new TableNullableResponse<TableEntity>(null, response);
        }

        return new TableNullableResponse<TableEntity>(ReadEntity(response), response);
    }

    /// <summary>Inserts a row and returns its new ETag.</summary>
    /// <exception cref="TableRequestFailedException">With <see cref="TableErrorKind.AlreadyExists"/> when the row exists.</exception>
    public async Task<Response<ETag>> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableEntityLimits.Validate(entity);
        using var message = _channel.CreateMessage(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        TableRestChannel.SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await _channel.SendAsync(message, cancellationToken, 204, 201).ConfigureAwait(false);
        return WithETag(response);
    }

    /// <summary>Inserts the row, or merges into / replaces it if it exists; no concurrency check.</summary>
    public async Task<Response<ETag>> UpsertEntityAsync(
        TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableEntityLimits.Validate(entity);
        using var message = CreateWrite(entity, mode, ifMatch: null);
        return WithETag(await _channel.SendAsync(message, cancellationToken, 204).ConfigureAwait(false));
    }

    /// <summary>
    /// Merges into or replaces an existing row if its version is still <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for any version), and returns the new ETag.
    /// </summary>
    /// <exception cref="TableRequestFailedException">
    /// With <see cref="TableErrorKind.PreconditionFailed"/> when someone else wrote first, <see cref="TableErrorKind.NotFound"/> when the row is gone.
    /// </exception>
    public async Task<Response<ETag>> UpdateEntityAsync(
        TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableEntityLimits.Validate(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs the ETag read with the entity, or ETag.All to overwrite any version.", nameof(ifMatch));
        }

        using var message = CreateWrite(entity, mode, ifMatch);
        return WithETag(await _channel.SendAsync(message, cancellationToken, 204).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes a row if its version is still <paramref name="ifMatch"/> (default: any version). A row that does not
    /// exist is not an error (the 404 response is returned), as in Azure.Data.Tables.
    /// </summary>
    /// <exception cref="TableRequestFailedException">With <see cref="TableErrorKind.PreconditionFailed"/> for a stale ETag.</exception>
    public async Task<Response> DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        using var message = _channel.CreateMessage(RequestMethod.Delete, TableKeys.EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        return await _channel.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
    }

    /// <summary>Rows matching <paramref name="filter"/>, page by page, following continuations to the end.</summary>
    public AsyncPageable<TableEntity> QueryAsync(
        TableFilter filter, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        QueryAsync(filter.IsEmpty ? null : filter.ToString(), maxPerPage, select, cancellationToken);

    /// <summary>
    /// Rows matching an OData filter string. Build the string with <see cref="TableFilter"/>, never by concatenating
    /// input. <paramref name="maxPerPage"/> caps each page (the service's own cap is 1,000).
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "maxPerPage must be between 1 and 1000.");
        }

        var selectText = SelectText(select);
        return new TablePageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, selectText, token, ct), cancellationToken);
    }

    /// <summary>
    /// Applies all actions atomically: every one succeeds or none does. The rules (1–100 actions, one PartitionKey,
    /// each row once, at most 4 MiB) are checked before sending.
    /// </summary>
    /// <returns>Each action's status and new ETag, in the order of the actions.</returns>
    /// <exception cref="ArgumentException">The transaction breaks a rule; nothing was sent.</exception>
    /// <exception cref="TableTransactionFailedException">The service rejected it; nothing was applied.</exception>
    public async Task<Response<IReadOnlyList<TableTransactionResult>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        TableTransactionBody.Validate(list);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var body = TableTransactionBody.Build(_channel.Endpoint, Name, list, batchBoundary, "changeset_" + Guid.NewGuid().ToString("D"));

        using var message = _channel.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _channel.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var parts = TableTransactionResponse.Parse(TableTransactionResponse.Boundary(contentType), response.Content.ToString());
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            throw TransactionFailure(failed, list.Count);
        }

        if (parts.Count != list.Count)
        {
            throw new TableRequestFailedException(
                response.Status,
                string.Create(CultureInfo.InvariantCulture, $"The transaction answer has {parts.Count} parts for {list.Count} actions."),
                null);
        }

        var results = parts
            .Select((p, i) => new TableTransactionResult(i, p.Status, p.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : null))
            .ToList();
        return Response.FromValue<IReadOnlyList<TableTransactionResult>>(results, response);
    }

    private TableTransactionFailedException TransactionFailure(TableTransactionResponse.Part part, int actionCount)
    {
        part.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (code, serviceMessage) = TableErrorParser.Parse(headerCode, part.Body);
        var index = TableTransactionResponse.FailedIndex(part, serviceMessage, actionCount);
        var text = new StringBuilder("The transaction on table '").Append(Name).Append("' failed");
        if (index is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" at action {index}");
        }

        text.Append(CultureInfo.InvariantCulture, $" with {part.Status}");
        if (code is not null)
        {
            text.Append(" (").Append(code).Append(')');
        }

        text.Append("; nothing was applied.");
        return new TableTransactionFailedException(part.Status, text.ToString(), code, index);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? top, string? select, string? continuation, CancellationToken cancellationToken)
    {
        var (nextPartition, nextRow) = SplitContinuation(continuation);
        var query = new TableQueryString()
            .Add("$filter", filter)
            .Add("$select", select)
            .Add("$top", top)
            .Add("NextPartitionKey", nextPartition)
            .Add("NextRowKey", nextRow);
        using var message = _channel.CreateMessage(RequestMethod.Get, Name + "()" + query);
        var response = await _channel.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row);
        return Page<TableEntity>.FromValues(entities, JoinContinuation(partition, row), response);
    }

    // The service's tokens are opaque but never contain spaces, so one space joins the two into one page token.
    private static string? JoinContinuation(string? partition, string? row) =>
        string.IsNullOrEmpty(partition) ? null : string.IsNullOrEmpty(row) ? partition : partition + " " + row;

    private static (string? Partition, string? Row) SplitContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, null);
        }

        var space = token.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (token, null) : (token[..space], token[(space + 1)..]);
    }

    private HttpMessage CreateGetEntity(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        var query = new TableQueryString().Add("$select", SelectText(select));
        return _channel.CreateMessage(RequestMethod.Get, TableKeys.EntityPath(Name, partitionKey, rowKey) + query);
    }

    private HttpMessage CreateWrite(TableEntity entity, TableUpdateMode mode, ETag? ifMatch)
    {
        var method = mode switch
        {
            TableUpdateMode.Merge => Merge,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        var message = _channel.CreateMessage(method, TableKeys.EntityPath(Name, entity.PartitionKey!, entity.RowKey!));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", etag.ToString());
        }

        TableRestChannel.SetJsonContent(message, TableEntityJson.Serialize(entity));
        return message;
    }

    private static string? SelectText(IEnumerable<string>? select)
    {
        if (select is null)
        {
            return null;
        }

        var names = select.ToList();
        foreach (var name in names)
        {
            if (!TableEntityLimits.IsSystemProperty(name))
            {
                TableEntityLimits.ValidateName(name);
            }
        }

        return names.Count == 0 ? null : string.Join(',', names);
    }

    private static TableEntity ReadEntity(Response response)
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(document.RootElement);
        if (entity.ETag == default && TableRestChannel.ReadETag(response) is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    private static Response<ETag> WithETag(Response response) =>
        Response.FromValue(TableRestChannel.ReadETag(response) ?? default, response);
}
