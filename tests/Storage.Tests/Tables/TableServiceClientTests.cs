using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableServiceClientTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task CreateTableIfNotExists_Twice_SecondIsNoError()
    {
        var service = TableTestClients.Service(azurite);
        var name = AzuriteFixture.UniqueTableName();

        var first = await service.CreateTableIfNotExistsAsync(name);
        var second = await service.CreateTableIfNotExistsAsync(name);

        Assert.Equal(204, first.GetRawResponse().Status);
        Assert.Equal(409, second.GetRawResponse().Status);
        Assert.Equal(name, second.Value.Name);
    }

    [Fact(Timeout = 30_000)]
    public async Task QueryTables_FilterByName_FindsOnlyThatTable()
    {
        var service = TableTestClients.Service(azurite);
        var name = AzuriteFixture.UniqueTableName();
        await service.CreateTableIfNotExistsAsync(name);
        await service.CreateTableIfNotExistsAsync(AzuriteFixture.UniqueTableName());

        var tables = await service.QueryTablesAsync(TableFilter.Property("TableName").Eq(name)).ToListAsync();

        Assert.Equal(name, Assert.Single(tables).Name);
    }

    [Fact(Timeout = 30_000)]
    public async Task DeleteTable_Existing_RemovesItAndDeletingAgainIsNoError()
    {
        var service = TableTestClients.Service(azurite);
        var name = AzuriteFixture.UniqueTableName();
        await service.CreateTableIfNotExistsAsync(name);

        var deleted = await service.DeleteTableAsync(name);
        var again = await service.DeleteTableAsync(name);

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Empty(await service.QueryTablesAsync(TableFilter.Property("TableName").Eq(name)).ToListAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task TableClient_CreateAndDelete_Work()
    {
        var table = TableTestClients.Service(azurite).GetTableClient(AzuriteFixture.UniqueTableName());

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.DeleteAsync();

        var error = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityAsync("p", "r"));
        Assert.Equal(TableErrorKind.NotFound, error.Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task IsReachable_RunningAzurite_ReportsTrue()
    {
        Assert.True(await TableTestClients.Service(azurite).IsReachableAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task IsReachable_WrongKey_ReportsFalse()
    {
        var wrongKey = azurite.ConnectionString.Replace(
            "AccountKey=Eby8", "AccountKey=AAAA", StringComparison.Ordinal);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;

        Assert.False(await new TableServiceClient(wrongKey, options).IsReachableAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task TableClient_FromConnectionString_ReachesSameTable()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var other = new TableClient(azurite.ConnectionString, table.Name);

        Assert.Equal(1, (await other.GetEntityAsync("p", "r")).Value.GetInt32("V"));
        Assert.Equal("devstoreaccount1", other.AccountName);
    }
}
