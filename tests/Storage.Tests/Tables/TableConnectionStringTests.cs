using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtLocalEmulator()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Parse_AccountNameKeyAndSuffix_BuildsHostStyleEndpoint()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=prodacct;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://prodacct.table.core.windows.net"), parsed.TableEndpoint);
        Assert.Equal("prodacct", parsed.AccountName);
    }

    [Fact]
    public void Parse_NoProtocolOrSuffix_DefaultsToHttpsAndPublicCloud()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_ExplicitIpEndpointWithAccountInPath_KeepsPathStyle()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:54321/devstoreaccount1/;");

        Assert.Equal(new Uri("http://127.0.0.1:54321/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Parse_LocalhostEndpointWithoutPath_AppendsAccount()
    {
        var parsed = TableConnectionString.Parse($"AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://localhost:10002");

        Assert.Equal(new Uri("http://localhost:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_PathStyleEndpointWithoutAccountName_TakesAccountFromPath()
    {
        var parsed = TableConnectionString.Parse($"AccountKey={Key};TableEndpoint=http://127.0.0.1:10002/otheracct");

        Assert.Equal("otheracct", parsed.AccountName);
    }

    [Fact]
    public void Parse_CustomHostEndpoint_UsesIt()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acct;AccountKey={Key};TableEndpoint=https://acct.table.example.net/");

        Assert.Equal(new Uri("https://acct.table.example.net"), parsed.TableEndpoint);
        Assert.Equal("acct", parsed.AccountName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData($"AccountName=acct", "AccountKey")]
    [InlineData($"AccountKey={Key}", "AccountName")]
    [InlineData($"AccountName=acct;AccountKey={Key};SharedAccessSignature=sv=1", "SharedAccessSignature")]
    public void Parse_MissingOrUnsupported_ThrowsArgumentExceptionNamingIt(string connectionString, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("UseDevelopmentStorage=true;AccountName=x", "cannot be combined")]
    [InlineData($"AccountName=acct;AccountKey={Key};Bogus=1", "Bogus")]
    [InlineData($"AccountName=acct;AccountKey={Key};AccountName=other", "more than once")]
    [InlineData($"AccountName=acct;AccountKey={Key};justtext", "Name=Value")]
    [InlineData($"AccountName=acct;AccountKey={Key};=value", "Name=Value")]
    [InlineData($"AccountName=acct;AccountKey=not-base64!!", "Base64")]
    [InlineData($"DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey={Key}", "DefaultEndpointsProtocol")]
    [InlineData($"AccountName=acct;AccountKey={Key};TableEndpoint=not a url", "TableEndpoint")]
    [InlineData($"AccountName=acct;AccountKey={Key};TableEndpoint=ftp://host/acct", "TableEndpoint")]
    [InlineData($"AccountName=bad_name!;AccountKey={Key}", "host name")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheProblem(string connectionString, string named)
    {
        var error = Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedKey_DoesNotEchoTheKey()
    {
        var error = Assert.ThrowsAny<Exception>(() => TableConnectionString.Parse("AccountName=acct;AccountKey=secret-secret-secret!"));

        Assert.DoesNotContain("secret-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceClient_ConnectionString_ExposesEndpointAndAccount()
    {
        var client = new TableServiceClient(TableTestClients.DevConnectionString);

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Endpoint);
    }
}
