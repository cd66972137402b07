using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed class WhoAmIApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetMe_ModeNoneWithIdentityHeaders_UserFromHeaders()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client("alice", "sales", "support");

        using var response = await client.GetAsync("/v2/authentication/me");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("alice", body.GetProperty("username").GetString());
        Assert.Equal("alice", body.GetProperty("displayName").GetString());
        Assert.Equal(["sales", "support"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Empty(body.GetProperty("roles").EnumerateArray());
        Assert.Equal("<default>", body.GetProperty("tenants")[0].GetProperty("tenantId").GetString());
        Assert.False(body.GetProperty("canLogout").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMe_ModeNoneWithoutHeaders_AnonymousWithNullUsername()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client();

        using var response = await client.GetAsync("/v2/authentication/me");

        var body = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("username").ValueKind);
        Assert.Empty(body.GetProperty("groups").EnumerateArray());
    }
}
