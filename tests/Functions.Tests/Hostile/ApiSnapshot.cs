using System.Text;
using System.Text.Json.Nodes;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// What a caller can observe of a hub through HTTP — every task (search and count), each given task and instance, the
/// deployed definitions — as one text, so "nothing changed" is one string comparison.
/// </summary>
internal static class ApiSnapshot
{
    public static async Task<string> TakeAsync(HttpClient client, IEnumerable<long> taskKeys, IEnumerable<long> instanceKeys)
    {
        var text = new StringBuilder();
        await AppendAsync(text, client, HttpMethod.Post, "/v2/user-tasks/search", """{"page":{"limit":1000}}""");
        await AppendAsync(text, client, HttpMethod.Post, "/v2/user-tasks/search/count", "{}");
        await AppendAsync(text, client, HttpMethod.Post, "/v2/process-definitions/search", "{}");
        await AppendAsync(text, client, HttpMethod.Post, "/v2/process-instances/search", "{}");
        foreach (var key in taskKeys)
        {
            await AppendAsync(text, client, HttpMethod.Get, $"/v2/user-tasks/{key}", null);
            await AppendAsync(text, client, HttpMethod.Get, $"/v2/user-tasks/{key}/history", null);
            await AppendAsync(text, client, HttpMethod.Post, $"/v2/user-tasks/{key}/variables/search", "{}");
        }

        foreach (var key in instanceKeys)
        {
            await AppendAsync(text, client, HttpMethod.Get, $"/v2/process-instances/{key}", null);
            await AppendAsync(text, client, HttpMethod.Post, $"/v2/process-instances/{key}/variables/search", "{}");
        }

        return text.ToString();
    }

    private static async Task AppendAsync(StringBuilder text, HttpClient client, HttpMethod method, string url, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        // Cursors are opaque and may differ between equal pages; everything else must be identical.
        if (JsonNode.Parse(body) is JsonObject { } root && root["page"] is JsonObject page)
        {
            page.Remove("startCursor");
            page.Remove("endCursor");
            body = root.ToJsonString();
        }

        text.Append(method).Append(' ').Append(url).Append(" → ").Append((int)response.StatusCode).Append('\n').Append(body).Append('\n');
    }
}
