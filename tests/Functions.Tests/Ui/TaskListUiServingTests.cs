using System.Net;
using TaskFunctions.Functions.Tests.Authentication;
using TaskFunctions.TestSupport;

namespace TaskFunctions.Functions.Tests.Ui;

/// <summary>How the host serves the UI's files: without a token in Jwt mode, while the API behind it still needs one.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskListUiServingTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestTokens _tokens = new();

    public void Dispose() => _tokens.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task UiFiles_JwtModeWithoutToken_ServedWhileTheApiAnswers401()
    {
        await using var host = new JwtHost(azurite, _tokens.Settings());
        using var client = host.Client();

        foreach (var (path, mediaType) in new[] { ("/", "text/html"), ("/index.html", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css") })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }

        foreach (var (method, path) in new[] { ("GET", "/v2/authentication/me"), ("GET", "/no-such-file.js"), ("POST", "/v2/user-tasks/search") })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
        }
    }
}
