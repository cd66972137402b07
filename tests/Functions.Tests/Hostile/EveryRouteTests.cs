using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// The generic hostile cases on every operation of the OpenAPI document, so a route added later is covered without
/// anyone remembering to: a bad value in each path parameter, and a malformed JSON body on each route that takes one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class EveryRouteTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>Values no key parameter may accept; several would widen a table query if pasted into a filter.</summary>
    private static readonly string[] BadKeys =
    [
        "abc", "-1", "0", "1e3", "1.5", "99999999999999999999", "9223372036854775808", "0x1F", "%27%20or%20%271%27%20eq%20%271",
        "%27", "..%2F..%2Fhealth", "%2e%2e", "%D9%A1%D9%A2%D9%A3", "%EF%BC%91", "%20", "1%20or%201", new string('9', 400),
    ];

    private static readonly string[] MalformedBodies = ["{", "{\"a\":", "[", "nul", "{\"a\":1,,}", "\"unterminated", "{\"a\":1}}"];

    [Fact(Timeout = 180_000)]
    public async Task EveryOperation_BadKeysAndMalformedBodies_4xxProblemAndNothingChanged()
    {
        await using var host = ApiHost.Start(azurite);
        var arranged = await HostileState.ArrangeAsync(host);
        using var client = host.Client();
        var before = await ApiSnapshot.TakeAsync(client, arranged.TaskKeys, arranged.InstanceKeys);
        using var documentResponse = await client.GetAsync("/openapi/v1.json");
        var document = JsonSerializer.Deserialize<JsonElement>(await documentResponse.Content.ReadAsStringAsync());
        var failures = new List<string>();
        var tried = 0;
        var operations = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                operations++;
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var parameters = Parameter().Matches(path.Name).Select(m => m.Groups[1].Value).ToList();
                var hasBody = operation.Value.TryGetProperty("requestBody", out var requestBody);
                var isJson = hasBody && requestBody.GetProperty("content").TryGetProperty("application/json", out _);
                // Valid-looking keys everywhere, so each case isolates one bad input.
                string Url(string? bad, string? inParameter) => parameters.Aggregate(path.Name, (url, p) =>
                    url.Replace("{" + p + "}", p == inParameter ? bad! : arranged.Placeholders["taskKey"], StringComparison.Ordinal));

                foreach (var parameter in parameters.Where(p => p != "formId"))
                {
                    foreach (var bad in BadKeys)
                    {
                        tried++;
                        await CheckAsync(client, method, Url(bad, parameter), isJson ? "{}" : null, [400, 404, 405], failures);
                    }
                }

                if (isJson)
                {
                    foreach (var body in MalformedBodies)
                    {
                        tried++;
                        await CheckAsync(client, method, Url(null, null), body, [400], failures);
                    }

                    // What a page on another site can send without a CORS preflight.
                    foreach (var mediaType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
                    {
                        tried++;
                        await CheckAsync(client, method, Url(null, null), "{}", [415], failures, mediaType);
                    }
                }
            }
        }

        var after = await ApiSnapshot.TakeAsync(client, arranged.TaskKeys, arranged.InstanceKeys);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operations} operations, {tried} requests, {failures.Count} failures"));
        Assert.True(operations >= 40, $"only {operations} operations in the document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
    }

    private static async Task CheckAsync(
        HttpClient client, HttpMethod method, string url, string? json, int[] allowed, List<string> failures, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var context = $"{method} {url} with {json ?? "no body"} as {mediaType}";
        try
        {
            Assert.True(allowed.Contains((int)response.StatusCode), $"{context}: got {(int)response.StatusCode}, expected one of {string.Join('/', allowed)}: {body}");
            ResponseAssert.IsClientError(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.RequestMessage!.RequestUri!.AbsolutePath, context);
            ResponseAssert.RevealsNothing(body, context);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failures.Add(e.Message);
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameter();
}
