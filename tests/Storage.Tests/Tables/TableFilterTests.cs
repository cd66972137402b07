using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Create_StringWithQuotesAndOperators_RendersOneEscapedLiteral()
    {
        var name = "Zoë 'O''Brien' or PartitionKey ne ''";

        var filter = TableFilter.Create($"Assignee eq {name}");

        Assert.Equal("Assignee eq 'Zoë ''O''''Brien'' or PartitionKey ne '''''", filter.ToString());
    }

    [Fact]
    public void Create_TypedValues_RendersODataLiterals()
    {
        var when = new DateTimeOffset(2025, 1, 5, 1, 2, 3, TimeSpan.FromHours(1)).AddTicks(1234567);
        var id = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833");

        var filter = TableFilter.Create($"A eq {42} and B eq {5_000_000_000L} and C eq {1.5} and D eq {2.0} and E eq {true} and F ge {when} and G eq {id} and H eq {new byte[] { 0x0a, 0x0b }}");

        Assert.Equal(
            "A eq 42 and B eq 5000000000L and C eq 1.5 and D eq 2.0 and E eq true and F ge datetime'2025-01-05T00:02:03.1234567Z' and G eq guid'c9da6455-213d-42c9-9a79-3e9149a57833' and H eq X'0a0b'",
            filter.ToString());
    }

    [Fact]
    public void Create_NestedFilter_InsertsItInParentheses()
    {
        var inner = TableFilter.Property("State").Eq("Open").Or(TableFilter.Property("State").Eq("Claimed"));

        var filter = TableFilter.Create($"PartitionKey eq {"p"} and {inner}");

        Assert.Equal("PartitionKey eq 'p' and ((State eq 'Open') or (State eq 'Claimed'))", filter.ToString());
    }

    [Fact]
    public void Create_NullValue_Throws()
    {
        string? missing = null;

        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {missing}"));
    }

    [Fact]
    public void Create_UnsupportedType_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {new object()}"));
    }

    [Fact]
    public void Fluent_AndOrNot_Parenthesises()
    {
        var filter = !(TableFilter.Property("Priority").Ge(50) & TableFilter.Property("Due").Lt(7L)) | TableFilter.RowKey.Ne("x");

        Assert.Equal("(not ((Priority ge 50) and (Due lt 7L))) or (RowKey ne 'x')", filter.ToString());
    }

    [Fact]
    public void StartsWith_Prefix_BecomesRange()
    {
        var filter = TableFilter.PartitionKey.StartsWith("pfx");

        Assert.Equal("(PartitionKey ge 'pfx') and (PartitionKey lt 'pfy')", filter.ToString());
    }

    [Fact]
    public void StartsWith_PrefixWithQuote_EscapesBothBounds()
    {
        var filter = TableFilter.RowKey.StartsWith("a'");

        Assert.Equal("(RowKey ge 'a''') and (RowKey lt 'a(')", filter.ToString());
    }

    [Theory]
    [InlineData("A eq 1 or B")]
    [InlineData("Name'")]
    [InlineData("")]
    [InlineData("1abc")]
    public void Property_NameThatIsNotAnIdentifier_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Property(name));
    }

    [Fact]
    public void AllOf_SkipsEmptyFilters()
    {
        var filter = TableFilter.AllOf(TableFilter.All, TableFilter.Property("A").Eq(1), TableFilter.All);

        Assert.Equal("A eq 1", filter.ToString());
        Assert.True(TableFilter.All.IsEmpty);
    }
}
