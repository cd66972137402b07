using TaskFunctions.Storage.Definitions;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Definitions;

public sealed class DefinitionRowsTests
{
    [Theory]
    [InlineData("invoice-approval", "invoice-approval")]
    [InlineData("<default>", "<default>")]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("50%/x\\y#z?", "50%25%2Fx%5Cy%23z%3F")]
    [InlineData("tab\there", "tab%09here")]
    public void Escape_Value_ReplacesSeparatorAndForbiddenCharacters(string value, string expected)
    {
        var escaped = DefinitionRows.Escape(value);

        Assert.Equal(expected, escaped);
        Assert.True(TableKeys.IsValid(escaped));
    }

    [Fact]
    public void DefinitionPartitionKey_TenantsThatDifferOnlyBySeparators_DoNotCollide()
    {
        var first = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, "a|b", "c");
        var second = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, "a", "b|c");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TenantRange_OtherTenantWithSamePrefix_FallsOutside()
    {
        var (from, to) = DefinitionRows.TenantRange(DefinitionKind.Process, "acme");
        var own = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, "acme", "zzz");
        var other = DefinitionRows.DefinitionPartitionKey(DefinitionKind.Process, "acme2", "a");

        Assert.InRange(string.CompareOrdinal(own, from), 1, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(own, to), int.MinValue, -1);
        Assert.False(string.CompareOrdinal(other, from) >= 0 && string.CompareOrdinal(other, to) < 0);
    }

    [Fact]
    public void VersionRowKey_Versions_SortInVersionOrder()
    {
        Assert.True(string.CompareOrdinal(DefinitionRows.VersionRowKey(9), DefinitionRows.VersionRowKey(10)) < 0);
        Assert.Equal("v0000000042", DefinitionRows.VersionRowKey(42));
    }
}
