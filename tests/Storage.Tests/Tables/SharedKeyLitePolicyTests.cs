using System.Net;
using System.Security.Cryptography;
using System.Text;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class SharedKeyLitePolicyTests
{
    private const string Date = "Sun, 22 Nov 2026 10:27:26 GMT";

    [Fact]
    public void StringToSign_ListTablesOnAzurite_RepeatsAccountInPath()
    {
        var text = SharedKeyLitePolicy.StringToSign(Date, "devstoreaccount1", new Uri("http://127.0.0.1:10002/devstoreaccount1/Tables?$top=1"));

        Assert.Equal("Sun, 22 Nov 2026 10:27:26 GMT\n/devstoreaccount1/devstoreaccount1/Tables", text);
    }

    [Fact]
    public void StringToSign_HostStyleAzure_UsesAccountThenPath()
    {
        var text = SharedKeyLitePolicy.StringToSign(Date, "myaccount", new Uri("https://myaccount.table.core.windows.net/Tables"));

        Assert.Equal(Date + "\n/myaccount/Tables", text);
    }

    [Fact]
    public void StringToSign_EscapedKeysAndQuery_SignsEncodedPathAndCompOnly()
    {
        var path = TableKeys.EntityPath("Tasks", "wf1", "O'Brien xé");
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/" + path + "?$filter=a%20eq%201&comp=acl&NextPartitionKey=x");

        var text = SharedKeyLitePolicy.StringToSign(Date, "devstoreaccount1", uri);

        Assert.Equal(
            Date + "\n/devstoreaccount1/devstoreaccount1/Tasks(PartitionKey='wf1',RowKey='O%27%27Brien%20x%C3%A9')?comp=acl",
            text);
    }

    [Fact(Timeout = 10_000)]
    public async Task Request_ManualClock_DateAndSignatureComeFromInjectedTime()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 27, 26, TimeSpan.Zero));
        var handler = new StubHandler(HttpStatusCode.OK);
        var service = new TableServiceClient(TableTestClients.DevConnectionString, TableTestClients.Stubbed(handler, time));

        await service.QueryTablesAsync().ToListAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal(Date, Assert.Single(request.Headers.GetValues("x-ms-date")));
        var key = Convert.FromBase64String("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Date + "\n/devstoreaccount1/devstoreaccount1/Tables")));
        Assert.Equal($"SharedKeyLite devstoreaccount1:{expected}", request.Headers.Authorization!.ToString());
    }
}
