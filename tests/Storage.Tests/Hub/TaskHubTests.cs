using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Hub;

[Collection(AzuriteCollection.Name)]
public sealed class TaskHubTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task CreateTablesAsync_TwiceForOneHub_CreatesEveryPrefixedTableOnce()
    {
        var name = "H" + Guid.NewGuid().ToString("N")[..10];
        var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString), name);

        await hub.CreateTablesAsync();
        await hub.CreateTablesAsync();

        var tables = new List<string>();
        await foreach (var table in hub.Service.QueryTablesAsync())
        {
            tables.Add(table.Name);
        }

        string[] expected = ["Definitions", "Idempotency", "Instances", "Jobs", "Keys", "TaskIndex", "Timers"];
        Assert.Equal(expected.Select(s => name + s), tables.Where(t => t.StartsWith(name, StringComparison.Ordinal)).Order());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("9hub")]
    [InlineData("task-hub")]
    public void Constructor_InvalidName_Rejected(string name)
    {
        var service = new TableServiceClient(azurite.ConnectionString);

        Assert.Throws<ArgumentException>(() => new TaskHub(service, name));
    }
}
