using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableNamesTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("tables")]
    [InlineData("Tables")]
    public void GetTableClient_InvalidName_ThrowsNamingIt(string name)
    {
        var service = new TableServiceClient(TableTestClients.DevConnectionString);

        var error = Assert.Throws<ArgumentException>(() => service.GetTableClient(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetTableClient_ValidName_KeepsIt()
    {
        Assert.Equal("TaskHubInstances", new TableServiceClient(TableTestClients.DevConnectionString).GetTableClient("TaskHubInstances").Name);
    }
}
