using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Signs every attempt (retries included, so the date stays fresh) with the Table service's Shared Key Lite scheme:
/// <c>x-ms-date + "\n" + "/" + account + encoded path [+ "?comp=" + value]</c>.
/// </summary>
internal sealed class SharedKeyLitePolicy(TableSharedKeyCredential credential, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var signature = credential.Sign(StringToSign(date, credential.AccountName, message.Request.Uri.ToUri()));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    /// <summary>
    /// The canonical string. The path is the percent-encoded one that goes on the wire; only the <c>comp</c>
    /// query parameter is signed (never $filter, $top or continuation tokens).
    /// </summary>
    internal static string StringToSign(string date, string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                resource += "?comp=" + Uri.UnescapeDataString(pair["comp=".Length..]);
                break;
            }
        }

        return date + "\n" + resource;
    }
}
