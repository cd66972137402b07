using TaskFunctions.Storage.Keys;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Runtime;

[Collection(AzuriteCollection.Name)]
public sealed class KeyLookupTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task Find_RecordedByAnotherHost_ReturnsInstanceKey()
    {
        var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString), "H" + Guid.NewGuid().ToString("N")[..10]);
        await hub.CreateTablesAsync();
        await new KeyLookup(hub).RecordAsync([(11, "userTask"), (12, "job")], 99);

        var lookup = new KeyLookup(hub);

        Assert.Equal(99, await lookup.FindProcessInstanceAsync(11));
        Assert.Equal(99, await lookup.FindProcessInstanceAsync(12));
        Assert.Null(await lookup.FindProcessInstanceAsync(13));
    }
}
