using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TaskFunctions.Bench;

/// <summary>The few HTTP calls the benchmark makes, as a client of the public API would make them.</summary>
public sealed class TaskApi(HttpClient client)
{
    public const string User = "bench-user";
    public const string Group = "bench";

    public HttpClient Client { get; } = client;

    /// <summary>A client that names the caller by the identity headers (authentication mode None).</summary>
    public static TaskApi For(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-User-Id", User);
        client.DefaultRequestHeaders.Add("X-User-Groups", Group);
        client.Timeout = TimeSpan.FromSeconds(60);
        return new TaskApi(client);
    }

    public async Task DeployAsync(params string[] bpmnFiles)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in bpmnFiles)
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            form.Add(content, "resources", Path.GetFileName(file));
        }

        using var response = await Client.PostAsync("v2/deployments", form);
        await Ensure(response, "deploy");
    }

    public async Task<long> StartAsync(string processId)
    {
        using var response = await Client.PostAsJsonAsync("v2/process-instances", new JsonObject { ["processDefinitionId"] = processId });
        var body = await Ensure(response, "start");
        return Key(body!["processInstanceKey"]);
    }

    public async Task<long> OpenTaskAsync(long processInstanceKey)
    {
        var request = new JsonObject
        {
            ["filter"] = new JsonObject { ["processInstanceKey"] = processInstanceKey.ToString(), ["state"] = "CREATED" },
        };
        using var response = await Client.PostAsJsonAsync("v2/user-tasks/search", request);
        var body = await Ensure(response, "find the task");
        var items = body!["items"]!.AsArray();
        return items.Count == 1 ? Key(items[0]!["userTaskKey"]) : throw new InvalidOperationException(
            $"Instance {processInstanceKey} has {items.Count} open tasks, expected one.");
    }

    public async Task ClaimAsync(long userTaskKey)
    {
        using var response = await Client.PostAsync($"v2/user-tasks/{userTaskKey}/claim", null);
        await Ensure(response, "claim");
    }

    public async Task CompleteAsync(long userTaskKey)
    {
        using var response = await Client.PostAsJsonAsync($"v2/user-tasks/{userTaskKey}/completion", new JsonObject());
        await Ensure(response, "complete");
    }

    /// <summary>One page (at most <paramref name="limit"/> tasks) of a search; returns how many items came back.</summary>
    public async Task<int> SearchAsync(JsonObject filter, int limit = 50)
    {
        var request = new JsonObject { ["filter"] = filter.DeepClone(), ["page"] = new JsonObject { ["limit"] = limit } };
        using var response = await Client.PostAsJsonAsync("v2/user-tasks/search", request);
        var body = await Ensure(response, "search");
        return body!["items"]!.AsArray().Count;
    }

    /// <summary>How many tasks match <paramref name="filter"/> (exact up to 10,000).</summary>
    public async Task<long> CountAsync(JsonObject filter)
    {
        using var response = await Client.PostAsJsonAsync("v2/user-tasks/search/count", new JsonObject { ["filter"] = filter.DeepClone() });
        var body = await Ensure(response, "count");
        return body!["totalItems"]!.GetValue<long>();
    }

    private static long Key(JsonNode? node) => long.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonNode?> Ensure(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
