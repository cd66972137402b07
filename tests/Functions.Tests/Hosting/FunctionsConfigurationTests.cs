using Microsoft.Extensions.Configuration;
using TaskFunctions.Functions.Hosting;

namespace TaskFunctions.Functions.Tests.Hosting;

public sealed class FunctionsConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tf-config-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void AddFunctionsConfiguration_SameSettingEverywhere_EnvironmentWinsOverLocalSettingsOverHostJson()
    {
        var probe = "TF_PRECEDENCE_" + Guid.NewGuid().ToString("N");
        Write("host.json", """{ "version": "2.0", "extensions": { "taskFunctions": { "hubName": "FromHostJson" } } }""");
        Write("local.settings.json", $$"""
            { "IsEncrypted": false, "Values": {
                "AzureFunctionsJobHost__extensions__taskFunctions__hubName": "FromLocalSettings",
                "{{probe}}": "FromLocalSettings",
                "OnlyLocal": "local" } }
            """);
        Environment.SetEnvironmentVariable(probe, "FromEnvironment");
        try
        {
            var configuration = Build();

            Assert.Equal("FromEnvironment", configuration[probe]);
            Assert.Equal("FromLocalSettings", configuration["AzureFunctionsJobHost:extensions:taskFunctions:hubName"]);
            Assert.Equal("local", configuration["OnlyLocal"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(probe, null);
        }
    }

    [Fact]
    public void AddFunctionsConfiguration_HostJsonOnly_ReadUnderHostSectionAndLoggingMapped()
    {
        Write("host.json", """
            { "version": "2.0", "logging": { "logLevel": { "default": "Warning", "TaskFunctions": "Debug" } },
              "extensions": { "taskFunctions": { "hubName": "Orders" }, "list": [1, true] } }
            """);

        var configuration = Build();

        Assert.Equal("Orders", configuration["AzureFunctionsJobHost:extensions:taskFunctions:hubName"]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
        Assert.Equal("Debug", configuration["Logging:LogLevel:TaskFunctions"]);
        Assert.Equal("true", configuration["AzureFunctionsJobHost:extensions:list:1"]);
    }

    [Fact]
    public void AddFunctionsConfiguration_NoFiles_NothingAdded()
    {
        var configuration = Build();

        Assert.Null(configuration["AzureFunctionsJobHost:version"]);
    }

    [Fact]
    public void AddFunctionsConfiguration_FirstDirectoryWithTheFile_Wins()
    {
        var second = _directory.CreateSubdirectory("second");
        Write("host.json", """{ "extensions": { "taskFunctions": { "hubName": "First" } } }""");
        File.WriteAllText(Path.Combine(second.FullName, "host.json"), """{ "extensions": { "taskFunctions": { "hubName": "Second" } } }""");
        File.WriteAllText(Path.Combine(second.FullName, "local.settings.json"), """{ "Values": { "A": "second" } }""");

        var configuration = new ConfigurationBuilder()
            .AddFunctionsConfiguration([_directory.FullName, second.FullName])
            .Build();

        Assert.Equal("First", configuration["AzureFunctionsJobHost:extensions:taskFunctions:hubName"]);
        Assert.Equal("second", configuration["A"]);
    }

    [Theory]
    [InlineData("host.json", "{ not json")]
    [InlineData("host.json", "[1, 2]")]
    [InlineData("local.settings.json", """{ "Values": [ "x" ] }""")]
    public void AddFunctionsConfiguration_MalformedFile_NamesTheFile(string file, string content)
    {
        Write(file, content);

        var error = Assert.Throws<InvalidDataException>(() => Build());

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageSettings_NoConnection_ExplainsHowToConfigure()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<HostConfigurationException>(() => StorageSettings.FromConfiguration(configuration));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("local.settings.example.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("AccountName=acct")]
    [InlineData("this is not a connection string")]
    public void StorageSettings_MalformedConnectionString_NamesTheSetting(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
        }).Build();

        var error = Assert.Throws<HostConfigurationException>(() => StorageSettings.FromConfiguration(configuration));

        Assert.Contains("'AzureWebJobsStorage' setting is not a usable Storage connection string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1Hub")]
    [InlineData("Task-Hub")]
    public void StorageSettings_InvalidHubName_Rejected(string hub)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureFunctionsJobHost:extensions:taskFunctions:hubName"] = hub,
        }).Build();

        var error = Assert.Throws<HostConfigurationException>(() => StorageSettings.FromConfiguration(configuration));

        Assert.Contains(hub, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageSettings_TableServiceUriWithoutConnectionString_UsesIdentity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
        }).Build();

        var settings = StorageSettings.FromConfiguration(configuration);

        Assert.Null(settings.ConnectionString);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), settings.TableServiceUri);
        Assert.Equal("TaskHub", settings.HubName);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:41234/devstoreaccount1;", "http://127.0.0.1:41234/devstoreaccount1")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://localhost:41235/devstoreaccount1", "http://localhost:41235/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net", null)]
    [InlineData("AccountName=acct;AccountKey=a2V5;TableEndpoint=http://10.1.2.3:10002/acct", null)]
    public void EmulatorEndpoint_ConnectionString_LocalEmulatorOnly(string connectionString, string? expected)
    {
        var endpoint = LocalStorageEmulator.EmulatorEndpoint(connectionString);

        Assert.Equal(expected, endpoint?.ToString().TrimEnd('/'));
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_directory.FullName, name), content);

    private IConfiguration Build() =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddFunctionsConfiguration([_directory.FullName])
            .Build();
}
