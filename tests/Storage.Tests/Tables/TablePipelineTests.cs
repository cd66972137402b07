using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

/// <summary>The pipeline's own behaviour (retries, credentials, timeouts), seen on a stub handler.</summary>
public sealed class TablePipelineTests
{
    [Theory(Timeout = 10_000)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Send_TransientThenOk_IsRetriedAndSucceeds(HttpStatusCode transient)
    {
        var handler = new StubHandler(transient, HttpStatusCode.OK);
        var service = new TableServiceClient(TableTestClients.DevConnectionString, TableTestClients.Stubbed(handler));

        var reachable = await service.IsReachableAsync();

        Assert.True(reachable);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Send_AlwaysUnavailable_GivesUpAfterFourRetriesAsUnavailable()
    {
        var handler = new StubHandler(HttpStatusCode.ServiceUnavailable);
        var table = new TableServiceClient(TableTestClients.DevConnectionString, TableTestClients.Stubbed(handler)).GetTableClient("Tasks");

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(TableErrorKind.Unavailable, error.Kind);
        Assert.Equal(503, error.Status);
        Assert.Equal(5, handler.Requests.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task Send_NotFound_IsNotRetried()
    {
        var handler = new StubHandler(HttpStatusCode.NotFound);
        var table = new TableServiceClient(TableTestClients.DevConnectionString, TableTestClients.Stubbed(handler)).GetTableClient("Tasks");

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(TableErrorKind.NotFound, error.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact(Timeout = 10_000)]
    public async Task TokenCredential_HttpsEndpoint_SendsBearerTokenForStorageScope()
    {
        var handler = new StubHandler(HttpStatusCode.OK);
        var credential = new TableTestClients.FixedTokenCredential("token-123");
        var service = new TableServiceClient(new Uri("https://acct.table.core.windows.net"), credential, TableTestClients.Stubbed(handler));

        Assert.True(await service.IsReachableAsync());

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers.Authorization!.ToString());
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
        Assert.Equal("acct", service.AccountName);
    }

    [Fact(Timeout = 10_000)]
    public async Task CountingPolicy_PerCall_CountsOperationsNotRetries()
    {
        var handler = new StubHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var counter = new RequestCountingPolicy();
        var options = TableTestClients.Stubbed(handler);
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(TableTestClients.DevConnectionString, options);

        await service.IsReachableAsync();
        await service.IsReachableAsync();

        Assert.Equal(2, counter.Count);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(2, counter.Reset());
        Assert.Equal(0, counter.Count);
    }

    [Fact(Timeout = 20_000)]
    public async Task IsReachable_NothingListening_ReportsFalseQuickly()
    {
        var port = ClosedPort();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        var service = new TableServiceClient(
            TableTestClients.DevConnectionString.Replace(":10002/", $":{port}/", StringComparison.Ordinal), options);
        var clock = Stopwatch.StartNew();

        var reachable = await service.IsReachableAsync();

        Assert.False(reachable);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact(Timeout = 20_000)]
    public async Task GetEntity_NothingListening_ThrowsUnavailable()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var table = new TableServiceClient(
            TableTestClients.DevConnectionString.Replace(":10002/", $":{ClosedPort()}/", StringComparison.Ordinal), options).GetTableClient("Tasks");

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityAsync("p", "r"));

        Assert.Equal(TableErrorKind.Unavailable, error.Kind);
        Assert.Equal(0, error.Status);
    }

    [Fact(Timeout = 10_000)]
    public async Task Query_EmptyPageWithContinuation_KeepsGoingWithOriginalFilterSelectAndTop()
    {
        var handler = new StubHandler(index =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(index == 0 ? "{\"value\":[]}" : "{\"value\":[{\"PartitionKey\":\"p\",\"RowKey\":\"r\"}]}"),
            };
            if (index == 0)
            {
                response.Headers.Add("x-ms-continuation-NextPartitionKey", "1!8!cA--");
                response.Headers.Add("x-ms-continuation-NextRowKey", "1!4+cg==");
            }

            return response;
        });
        var table = new TableServiceClient(TableTestClients.DevConnectionString, TableTestClients.Stubbed(handler)).GetTableClient("Tasks");

        var rows = await table.QueryAsync(TableFilter.Property("State").Eq("Open"), maxPerPage: 5, select: ["State"]).ToListAsync();

        Assert.Equal("r", Assert.Single(rows).RowKey);
        Assert.Equal(2, handler.Requests.Count);
        var second = Uri.UnescapeDataString(handler.Requests[1].RequestUri!.Query);
        Assert.Contains("$filter=State eq 'Open'", second, StringComparison.Ordinal);
        Assert.Contains("$select=State", second, StringComparison.Ordinal);
        Assert.Contains("$top=5", second, StringComparison.Ordinal);
        Assert.Contains("NextPartitionKey=1!8!cA--", second, StringComparison.Ordinal);
        Assert.Contains("NextRowKey=1!4+cg==", second, StringComparison.Ordinal);
        Assert.Contains("%2B", handler.Requests[1].RequestUri!.Query, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
