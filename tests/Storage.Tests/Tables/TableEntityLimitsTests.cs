using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableEntityLimitsTests
{
    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u007fb", "U+007F")]
    [InlineData("a\u009fb", "U+009F")]
    public void Validate_ForbiddenKeyCharacter_NamesKeyAndCharacter(string key, string described)
    {
        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(new TableEntity("ok", key)));

        Assert.Contains("RowKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(described, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyOverOneKiB_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(new TableEntity(new string('p', 513), "r")));

        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(new TableEntity { RowKey = "r" }));
    }

    [Fact]
    public void Validate_KeysAtTheLimitAndEmptyRowKey_Pass()
    {
        TableEntityLimits.Validate(new TableEntity(new string('p', 512), string.Empty));
    }

    [Fact]
    public void Validate_StringOver32KChars_NamesProperty()
    {
        var entity = new TableEntity("p", "r") { ["Payload"] = new string('x', 32 * 1024 + 1) };

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains("'Payload'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BinaryOver64KiB_NamesProperty()
    {
        var entity = new TableEntity("p", "r") { ["Blob"] = new byte[64 * 1024 + 1] };

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains("'Blob'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_253CustomProperties_Throws()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains("252", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_252CustomProperties_Pass()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 252; i++)
        {
            entity[$"P{i}"] = i;
        }

        TableEntityLimits.Validate(entity);
    }

    [Fact]
    public void Validate_EntityOverOneMiB_Throws()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Part{i}"] = new string('x', 32 * 1024);
        }

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("9starts")]
    [InlineData("with space")]
    [InlineData("odd@odata.type")]
    public void Validate_InvalidPropertyName_NamesIt(string name)
    {
        var entity = new TableEntity("p", "r") { [name] = 1 };

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PropertyNameOf256Chars_Throws()
    {
        var entity = new TableEntity("p", "r") { [new string('n', 256)] = 1 };

        Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));
    }

    [Fact]
    public void Validate_UnsupportedValueType_NamesProperty()
    {
        var entity = new TableEntity("p", "r") { ["When"] = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ArgumentException>(() => TableEntityLimits.Validate(entity));

        Assert.Contains("'When'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedGetter_WrongType_ThrowsNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["Count"] = "seven" };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Count"));

        Assert.Contains("'Count'", error.Message, StringComparison.Ordinal);
        Assert.Null(entity.GetInt32("Missing"));
    }
}
