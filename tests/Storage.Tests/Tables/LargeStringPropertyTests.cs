using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class LargeStringPropertyTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 30_000)]
    public async Task WriteRead_200000Characters_RoundTripsThroughStorage()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var value = string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + (i % 26))));
        var entity = new TableEntity("wf", "instance");

        LargeStringProperty.Write(entity, "State", value);
        await table.AddEntityAsync(entity);

        var read = (await table.GetEntityAsync("wf", "instance")).Value;
        Assert.Equal(7, read.GetInt32("State_Parts"));
        Assert.Equal(value, LargeStringProperty.Read(read, "State"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Write_ShorterValueMerged_IgnoresStalePartsLeftInStorage()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var entity = new TableEntity("wf", "instance");
        LargeStringProperty.Write(entity, "State", new string('x', 100_000));
        await table.AddEntityAsync(entity);

        var update = new TableEntity("wf", "instance");
        LargeStringProperty.Write(update, "State", "short");
        await table.UpsertEntityAsync(update, TableUpdateMode.Merge);

        var read = (await table.GetEntityAsync("wf", "instance")).Value;
        Assert.True(read.ContainsKey("State_3"));
        Assert.Equal("short", LargeStringProperty.Read(read, "State"));
    }

    [Fact]
    public void Write_SurrogatePairAtSplitPoint_IsNotCut()
    {
        var value = new string('a', 32 * 1024 - 1) + "🎉" + new string('b', 10);
        var entity = new TableEntity("p", "r");

        LargeStringProperty.Write(entity, "State", value);

        Assert.Equal(32 * 1024 - 1, entity.GetString("State")!.Length);
        Assert.StartsWith("🎉", entity.GetString("State_1"), StringComparison.Ordinal);
        Assert.Equal(value, LargeStringProperty.Read(entity, "State"));
        TableEntityLimits.Validate(entity);
    }

    [Fact]
    public void Write_ShorterThenInSameObject_RemovesOldParts()
    {
        var entity = new TableEntity("p", "r");
        LargeStringProperty.Write(entity, "State", new string('x', 70_000));

        LargeStringProperty.Write(entity, "State", "tiny");

        Assert.False(entity.ContainsKey("State_1"));
        Assert.False(entity.ContainsKey("State_2"));
        Assert.Equal("tiny", LargeStringProperty.Read(entity, "State"));
    }

    [Fact]
    public void ReadWrite_NullAndPlainValues_AreHandled()
    {
        var entity = new TableEntity("p", "r") { ["Plain"] = "written without the helper" };
        LargeStringProperty.Write(entity, "State", null);

        Assert.Null(LargeStringProperty.Read(entity, "State"));
        Assert.Equal("written without the helper", LargeStringProperty.Read(entity, "Plain"));
        Assert.Null(LargeStringProperty.Read(entity, "Absent"));
    }
}
