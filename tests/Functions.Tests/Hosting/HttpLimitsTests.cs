using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Tests.Idempotency;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class HttpLimitsTests(AzuriteFixture azurite)
{
    private const string Http = "AzureFunctionsJobHost:extensions:taskFunctions:http:";
    private int _calls;

    private void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/test/echo", (JsonObject body) =>
        {
            Interlocked.Increment(ref _calls);
            return TypedResults.Ok(body);
        });

    private Task<CommandTestApp> StartAsync() => CommandTestApp.StartAsync(azurite, Map, new Dictionary<string, string?>
    {
        [Http + "maxRequestBodySize"] = "2048",
        [Http + "maxJsonDepth"] = "8",
    });

    [Fact(Timeout = 60_000)]
    public async Task Post_BodyOverMaxRequestBodySize_413NamingTheLimit()
    {
        await using var app = await StartAsync();
        using var client = app.Client();
        var body = "{\"text\":\"" + new string('x', 3000) + "\"}";

        using var response = await client.PostAsync("/test/echo", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "the limit is 2048 bytes (host.json extensions.taskFunctions.http.maxRequestBodySize)");
        Assert.Equal(0, _calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_BodyWithinLimit_200()
    {
        await using var app = await StartAsync();
        using var client = app.Client();

        using var response = await client.PostAsync("/test/echo", new StringContent("{\"a\":{\"b\":1}}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(1, _calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_JsonDeeperThanMaxJsonDepth_400NamingTheDepth()
    {
        await using var app = await StartAsync();
        using var client = app.Client();
        var body = string.Concat(Enumerable.Repeat("{\"a\":", 12)) + "1" + new string('}', 12);

        using var response = await client.PostAsync("/test/echo", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "depth of 8");
        Assert.Equal(0, _calls);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_NotJson_400()
    {
        await using var app = await StartAsync();
        using var client = app.Client();

        using var response = await client.PostAsync("/test/echo", new StringContent("{not json", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "not valid JSON");
        Assert.Equal(0, _calls);
    }

    private static HttpSettings Read(params (string Name, string Value)[] settings) =>
        HttpSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(Http + s.Name, s.Value)))
            .Build());

    [Fact]
    public void FromConfiguration_Nothing_Defaults()
    {
        var settings = Read();

        Assert.Equal(4 * 1024 * 1024, settings.MaxRequestBodySize);
        Assert.Equal(512 * 1024, settings.MaxVariablesSize);
        Assert.Equal(64, settings.MaxJsonDepth);
        Assert.Equal(1000, settings.MaxPageSize);
        Assert.Equal(TimeSpan.FromHours(24), settings.IdempotencyRetention);
    }

    [Fact]
    public void FromConfiguration_AllSet_Read()
    {
        var settings = Read(("maxRequestBodySize", "65536"), ("maxVariablesSize", "4096"), ("maxJsonDepth", "16"),
            ("maxPageSize", "50"), ("idempotencyRetention", "2.00:00:00"));

        Assert.Equal(65536, settings.MaxRequestBodySize);
        Assert.Equal(4096, settings.MaxVariablesSize);
        Assert.Equal(16, settings.MaxJsonDepth);
        Assert.Equal(50, settings.MaxPageSize);
        Assert.Equal(TimeSpan.FromDays(2), settings.IdempotencyRetention);
    }

    [Theory]
    [InlineData("maxRequestBodySize", "100", "http.maxRequestBodySize must be at least 1024 bytes, got 100")]
    [InlineData("maxRequestBodySize", "lots", "http.maxRequestBodySize must be a whole number, got 'lots'")]
    [InlineData("maxVariablesSize", "1048576", "http.maxVariablesSize must be between 1024 and 786432 bytes")]
    [InlineData("maxJsonDepth", "4", "http.maxJsonDepth must be between 8 and 256")]
    [InlineData("maxPageSize", "5000", "http.maxPageSize must be between 1 and 1000")]
    [InlineData("idempotencyRetention", "00:00:10", "http.idempotencyRetention must be between 00:01:00 and 30.00:00:00")]
    [InlineData("idempotencyRetention", "a day", "http.idempotencyRetention must be a duration")]
    public void FromConfiguration_WrongValue_ExceptionNamingSetting(string name, string value, string message)
    {
        var error = Assert.Throws<HostConfigurationException>(() => Read((name, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckVariables_OverLimit_413NamingFieldAndLimit()
    {
        var settings = Read(("maxVariablesSize", "1024"));
        var variables = new JsonObject { ["text"] = new string('x', 2000) };

        var problem = settings.CheckVariables(variables, "variables");

        Assert.NotNull(problem);
        Assert.Equal(413, problem.StatusCode);
        Assert.Contains("the limit is 1024 bytes", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Null(settings.CheckVariables(new JsonObject { ["small"] = 1 }));
    }

    public static TheoryData<Exception, int, string> Exceptions() => new()
    {
        { new StorageUnavailableException("down."), 503, "SERVICE_UNAVAILABLE" },
        { new TableRequestFailedException(503, "busy", "ServerBusy"), 503, "SERVICE_UNAVAILABLE" },
        { new BadHttpRequestException("too big", 413), 413, "PAYLOAD_TOO_LARGE" },
        { new BadHttpRequestException("bad", 400, new JsonException("depth")), 400, "INVALID_ARGUMENT" },
        { new JsonException("bad json"), 400, "INVALID_ARGUMENT" },
        { new InvalidOperationException("bug"), 500, "INTERNAL_ERROR" },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Describe_Exception_StatusAndTitle(Exception exception, int status, string title)
    {
        var (actualStatus, actualTitle, detail) = ApiExceptionHandler.Describe(exception);

        Assert.Equal(status, actualStatus);
        Assert.Equal(title, actualTitle);
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
    }
}
