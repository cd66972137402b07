using Azure.Core;
using Azure.Core.Pipeline;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

/// <summary>Clients for the table tests, written once: on the shared Azurite, or on a stub handler.</summary>
internal static class TableTestClients
{
    public static TableServiceClient Service(AzuriteFixture azurite, TableClientOptions? options = null) =>
        new(azurite.ConnectionString, options);

    /// <summary>A fresh, empty table nobody else uses.</summary>
    public static async Task<TableClient> NewTableAsync(AzuriteFixture azurite, TableClientOptions? options = null)
    {
        var table = Service(azurite, options).GetTableClient(AzuriteFixture.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>Options whose transport is <paramref name="handler"/> and whose retries are quick.</summary>
    public static TableClientOptions Stubbed(HttpMessageHandler handler, TimeProvider? time = null)
    {
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        return options;
    }

    public const string DevConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>A stand-in Azure AD credential that hands out a fixed token.</summary>
    internal sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public List<string[]> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (RequestedScopes)
            {
                RequestedScopes.Add(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
