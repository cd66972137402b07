using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableValueRoundTripTests(AzuriteFixture azurite)
{
    public static TheoryData<string, object> Values => new()
    {
        { "Int32Zero", 0 },
        { "Int32Min", int.MinValue },
        { "Int32Max", int.MaxValue },
        { "Int64Small", 7L },
        { "Int64AboveInt32", (long)int.MaxValue + 1 },
        { "Int64Above2To53", (1L << 53) + 1 },
        { "Int64Max", long.MaxValue },
        { "Int64Min", long.MinValue },
        { "DoubleWhole", 2.0 },
        { "DoubleFraction", 1.5 },
        { "DoubleTiny", 5e-324 },
        { "DoubleHuge", 1.7976931348623157e308 },
        { "DoubleNegativeZeroish", -0.25 },
        { "DoubleNaN", double.NaN },
        { "DoublePositiveInfinity", double.PositiveInfinity },
        { "DoubleNegativeInfinity", double.NegativeInfinity },
        { "BooleanTrue", true },
        { "BooleanFalse", false },
        { "StringEmpty", string.Empty },
        { "StringNonAscii", "Zoë Ødegård — 日本語 🎉 \"quoted\" \\ back" },
        { "StringNumeric", "12345" },
        { "StringLooksLikeDate", "2025-01-05T00:00:00Z" },
        { "StringMaximum", new string('s', 32 * 1024) },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Values))]
    public async Task Value_WrittenAndRead_KeepsTypeAndValue(string name, object value)
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", name) { [name] = value });

        var read = (await table.GetEntityAsync("p", name)).Value[name];

        Assert.NotNull(read);
        Assert.Equal(value.GetType(), read.GetType());
        Assert.Equal(value, read);
    }

    [Fact(Timeout = 30_000)]
    public async Task DateTimeOffset_SevenFractionalDigitsAndOffset_RoundTripsAsSameInstant()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var when = new DateTimeOffset(2026, 11, 22, 10, 27, 9, TimeSpan.FromHours(-5)).AddTicks(8577026);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Due"] = when, ["Earliest"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        var read = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal(when, read.GetDateTimeOffset("Due"));
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("Due")!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("Due")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("Earliest"));
    }

    [Fact(Timeout = 30_000)]
    public async Task GuidAndBinary_RoundTrip()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        var id = Guid.NewGuid();
        var bytes = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7)).ToArray();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Id"] = id, ["Blob"] = bytes, ["Empty"] = Array.Empty<byte>(), ["Data"] = new BinaryData([1, 2, 3]) });

        var read = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(bytes, read.GetBinary("Blob"));
        Assert.Equal([1, 2, 3], read.GetBinary("Data"));
        Assert.Empty(read.GetBinary("Empty")!);
    }

    [Fact(Timeout = 30_000)]
    public async Task TypedGetters_ReadEveryType()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r")
        {
            ["S"] = "text", ["I"] = 42, ["L"] = 5_000_000_000L, ["D"] = 2.0, ["B"] = true,
            ["When"] = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), ["Null"] = null,
        });

        var read = (await table.GetEntityAsync("p", "r")).Value;

        Assert.Equal("text", read.GetString("S"));
        Assert.Equal(42, read.GetInt32("I"));
        Assert.Equal(42L, read.GetInt64("I"));
        Assert.Equal(5_000_000_000L, read.GetInt64("L"));
        Assert.Equal(2.0, read.GetDouble("D"));
        Assert.True(read.GetBoolean("B"));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), read.GetDateTimeOffset("When"));
        Assert.False(read.ContainsKey("Null"));
        Assert.DoesNotContain(read.Keys, k => k.StartsWith("odata.", StringComparison.Ordinal) || k.Contains('@', StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Entity_ReadThenWrittenBack_KeepsEverything()
    {
        var table = await TableTestClients.NewTableAsync(azurite);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["L"] = 1L, ["D"] = 3.0, ["G"] = Guid.Empty });
        var read = (await table.GetEntityAsync("p", "r")).Value;

        read["Extra"] = "x";
        await table.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace);

        var again = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(1L, again["L"]);
        Assert.Equal(3.0, again["D"]);
        Assert.Equal(Guid.Empty, again["G"]);
        Assert.Equal("x", again["Extra"]);
    }
}
