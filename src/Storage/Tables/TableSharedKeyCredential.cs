using System.Security.Cryptography;
using System.Text;

namespace TaskFunctions.Storage.Tables;

/// <summary>A storage account name and key, used to sign requests with Shared Key Lite.</summary>
public sealed class TableSharedKeyCredential
{
    private readonly byte[] _key;

    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException e)
        {
            throw new FormatException("The account key is not valid Base64; copy it unchanged from the storage account's access keys.", e);
        }
    }

    public string AccountName { get; }

    /// <summary>Base64 of the HMAC-SHA256 of <paramref name="stringToSign"/> under the account key.</summary>
    internal string Sign(string stringToSign) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}
