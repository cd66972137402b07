using Microsoft.Extensions.Configuration;
using TaskFunctions.Functions.Api;
using TaskFunctions.Functions.Hosting;
using TaskFunctions.Functions.Hosting.Authentication;
using TaskFunctions.Functions.Tests.Authentication;

namespace TaskFunctions.Functions.Tests.Security;

/// <summary>The settings of the security rules, and what callers are told about bodies that are not the expected JSON.</summary>
public sealed class SecuritySettingsTests : IDisposable
{
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void RestrictAdministration_Setting_Read(string? value, bool expected)
    {
        var settings = AuthSettings.FromConfiguration(Configuration(_tokens.Settings(("restrictAdministration", value))));

        Assert.Equal(expected, settings.RestrictAdministration);
    }

    [Fact]
    public void RestrictAdministration_NotABoolean_StartFailsNamingIt()
    {
        var error = Assert.Throws<HostConfigurationException>(() =>
            AuthSettings.FromConfiguration(Configuration(_tokens.Settings(("restrictAdministration", "sometimes")))));

        Assert.Contains("auth.restrictAdministration must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorsOrigins_List_NormalizedToOrigins()
    {
        var settings = HttpSettings.FromConfiguration(Configuration(new Dictionary<string, string?>
        {
            [HttpSettings.SectionName + ":corsOrigins:0"] = "https://tasks.example.com/",
            [HttpSettings.SectionName + ":corsOrigins:1"] = "http://localhost:5173",
        }));

        Assert.Equal(["https://tasks.example.com", "http://localhost:5173"], settings.CorsOrigins);
    }

    [Fact]
    public void CorsOrigins_Default_None() =>
        Assert.Empty(HttpSettings.FromConfiguration(Configuration(new Dictionary<string, string?>())).CorsOrigins);

    [Fact]
    public void JsonErrors_TypeMismatch_NamesFieldNotType()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() =>
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int?>>("""{"limit":1e30}"""));

        var detail = JsonErrors.Describe(error);

        Assert.Contains("'limit'", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", detail, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(IDictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
