using System.Globalization;
using System.Net;
using System.Text.Json;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// Sends every request of the hostile-input corpus to a host holding a few tasks and instances, and checks that each
/// gets the status range its manifest entry names, in the route's error shape, revealing nothing internal — and that
/// nothing a caller can observe changed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileCorpusTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task Corpus_EveryCase_4xxOrHarmlessAndNothingChanged()
    {
        await using var host = ApiHost.Start(azurite);
        var arranged = await HostileState.ArrangeAsync(host);
        using var reader = host.Client();
        var before = await ApiSnapshot.TakeAsync(reader, arranged.TaskKeys, arranged.InstanceKeys);
        var cases = HostileCorpus.Load();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        foreach (var c in cases)
        {
            using var client = host.Client();
            using var request = HostileCorpus.Request(c, arranged.Placeholders);
            if (request.RequestUri!.OriginalString.Contains("%00", StringComparison.Ordinal))
            {
                // A NUL in the path never reaches the app: Kestrel answers 400 itself, and the in-process test
                // server refuses to build such a request. Checked here only that it is refused.
                await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(request));
                statuses[400] = statuses.GetValueOrDefault(400) + 1;
                continue;
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            try
            {
                Assert.True(c.Accepts(status), $"{c}: expected {c.Status}, got {status}: {Shorten(body)}");
                ResponseAssert.RevealsNothing(body, c.ToString());
                if (status >= 400)
                {
                    ResponseAssert.IsClientError(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, request.RequestUri!.AbsolutePath, c.ToString());
                }
                else if (c.MaxItems is { } max)
                {
                    Assert.True(Found(body) <= max, $"{c}: a hostile filter widened the search to {Found(body)} items: {Shorten(body)}");
                }
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                failures.Add(e.Message);
            }
        }

        var after = await ApiSnapshot.TakeAsync(reader, arranged.TaskKeys, arranged.InstanceKeys);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cases.Count} hostile inputs; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; {failures.Count} failures"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Manifest_EveryCase_NamedOnceAndItsFilesExist()
    {
        var cases = HostileCorpus.Load();

        Assert.True(cases.Count >= 100, $"the corpus has only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var file in cases.Select(c => c.BodyFile ?? (c.Generate is null ? c.Deploy : null)).OfType<string>())
        {
            Assert.True(File.Exists(Path.Combine(HostileCorpus.Directory, file)), $"missing corpus file {file}");
        }
    }

    // items of a v2 search, entries of a Tasklist search, or a count.
    private static int Found(string body)
    {
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        return json.ValueKind switch
        {
            JsonValueKind.Array => json.GetArrayLength(),
            _ when json.TryGetProperty("items", out var items) => items.GetArrayLength(),
            _ when json.TryGetProperty("totalItems", out var total) => (int)total.GetInt64(),
            _ => throw new InvalidOperationException($"Not a search answer: {body}"),
        };
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
