using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Sends Table service requests through the pipeline and turns failures into <see cref="TableRequestFailedException"/>.
/// Shared by the service client and every table client made from it.
/// </summary>
internal sealed class TableRestChannel(HttpPipeline pipeline, Uri endpoint)
{
    public const string ApiVersion = "2019-02-02";
    public const string JsonAccept = "application/json;odata=minimalmetadata";

    private readonly string _endpoint = endpoint.AbsoluteUri.TrimEnd('/');

    /// <summary>The endpoint without a trailing slash (path-style endpoints include the account).</summary>
    public string Endpoint => _endpoint;

    public HttpMessage CreateMessage(RequestMethod method, string relativePathAndQuery)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(_endpoint + "/" + relativePathAndQuery));
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("x-ms-version", ApiVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    public static void SetJsonContent(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    /// <summary>Sends the message; a status outside <paramref name="expected"/> throws the typed exception.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e is not TableRequestFailedException && e.Status == 0)
        {
            throw new TableRequestFailedException(0, $"{Describe(message)} got no answer from the Table service: {e.Message}", null, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException { Status: 0 } or OperationCanceledException or IOException))
        {
            // Azure.Core gathers the failures of every attempt once its retries are spent.
            throw new TableRequestFailedException(0, $"{Describe(message)} got no answer from the Table service after {e.InnerExceptions.Count} attempts: {e.InnerExceptions[^1].Message}", null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core reports its network timeout as a cancellation the caller never asked for.
            throw new TableRequestFailedException(0, $"{Describe(message)} timed out waiting for the Table service.", null, e);
        }

        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw CreateException(message, response);
        }

        return response;
    }

    public static TableRequestFailedException CreateException(HttpMessage message, Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (code, serviceMessage) = TableErrorParser.Parse(headerCode, response.Content.ToString());
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Describe(message)} failed with {response.Status} {response.ReasonPhrase}{(code is null ? string.Empty : $" ({code})")}{(serviceMessage is null ? "." : $": {FirstLine(serviceMessage)}")}");
        return new TableRequestFailedException(response.Status, text, code);
    }

    public static ETag? ReadETag(Response response) =>
        response.Headers.TryGetValue("ETag", out var value) && !string.IsNullOrEmpty(value) ? new ETag(value) : null;

    private static string Describe(HttpMessage message) =>
        $"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.ToUri().AbsolutePath)}";

    // The service appends RequestId and Time lines that only add noise to an exception message.
    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline].TrimEnd('\r');
    }
}
