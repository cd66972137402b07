using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskFunctions.Functions.Tests;

/// <summary>Asserts that a response is RFC 9457 problem+json with the expected status, and returns its body.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.Equal(response.RequestMessage!.RequestUri!.AbsolutePath, body.GetProperty("instance").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }

        return body;
    }

    public static async Task<JsonElement> IsJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
