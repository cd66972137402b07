using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.Storage;
using TaskFunctions.Storage.Tables;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Functions.Tests.Reliability;

/// <summary>
/// The real host as an operating-system process, killed with SIGKILL at seeded random moments while several
/// clients start instances, claim and complete tasks, and started again on the same hub. Afterwards every
/// acknowledged command is reflected, nothing was applied twice, the task index equals the entities and no timer
/// is lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Seed = 4242;
    private const int Kills = 3;
    private const int Workers = 6;

    private readonly ConcurrentQueue<string> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _commands;
    private int _unacknowledged;
    private volatile HttpClient? _client;
    private volatile TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact(Timeout = 150_000)]
    public async Task Host_KilledAtRandomMomentsUnderLoad_AcknowledgedCommandsKeptNothingTwiceIndexAndTimersWhole()
    {
        var hubName = "C" + Guid.NewGuid().ToString("N")[..16];
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzuriteAutoStart"] = "false",
            ["AzureFunctionsJobHost__extensions__taskFunctions__hubName"] = hubName,
            // The sweeper finishes the projections a kill interrupted; make it quick so the test stays short.
            ["AzureFunctionsJobHost__extensions__taskFunctions__outbox__sweepInterval"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__taskFunctions__outbox__minimumAge"] = "00:00:03",
        };
        var random = new Random(Seed);
        var hosts = new List<HostProcess>();
        var clients = new List<HttpClient>();
        try
        {
            await StartHostAsync(environment, hosts, clients);
            var definitionKey = await DeployAsync();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync($"user{w}", definitionKey, stop.Token))).ToList();

            for (var kill = 0; kill < Kills; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2500 + random.Next(4000)));
                _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
                hosts[^1].KillHard();
                Assert.True(await hosts[^1].WaitForExitAsync(TimeSpan.FromSeconds(10)));
                await StartHostAsync(environment, hosts, clients);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2500 + random.Next(2000)));
            stop.Cancel();
            await Task.WhenAll(workers);

            var hub = new TaskHub(new TableServiceClient(azurite.ConnectionString), hubName);
            var instances = new List<long>();
            await foreach (var row in hub.Instances.QueryAsync(TableFilter.RowKey.Eq("instance"), select: [TableEntity.PartitionKeyName]))
            {
                instances.Add(long.Parse(row.PartitionKey!, CultureInfo.InvariantCulture));
            }

            var report = await InstanceAudit.UntilCleanAsync(_client!, hub, instances, TimeSpan.FromSeconds(30));
            var missing = await MissingAcknowledgedAsync();
            output.WriteLine($"crash run (seed {Seed}): {Kills} SIGKILLs of the host process under {Workers} clients; {_commands} commands sent, "
                + $"{_acknowledged.Count} acknowledged, {_unacknowledged} cut off by a kill (no answer) and sent again");
            output.WriteLine($"after restart and sweep: acknowledged but not reflected {missing.Count}; audit {report}");
            if (!report.IsClean || missing.Count > 0 || !_unexpected.IsEmpty)
            {
                output.WriteLine(string.Join("\n", missing.Concat(_unexpected)));
                output.WriteLine(hosts[^1].Output[^Math.Min(4000, hosts[^1].Output.Length)..]);
            }

            Assert.Empty(_unexpected);
            Assert.Empty(missing);
            Assert.True(report.IsClean, report.ToString());
            Assert.True(_acknowledged.Count >= 60, $"only {_acknowledged.Count} commands were acknowledged");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task StartHostAsync(Dictionary<string, string?> environment, List<HostProcess> hosts, List<HttpClient> clients)
    {
        var host = HostProcess.Start(environment);
        hosts.Add(host);
        Assert.True(await host.WaitForStatusAsync("/health", 200, TimeSpan.FromSeconds(60)), host.Output);
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        clients.Add(client);
        _client = client;
        _ready.TrySetResult();
    }

    private async Task<string> DeployAsync()
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(ReliabilitySamples.TimedSteps()));
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        content.Add(part, "resources", "timed.bpmn");
        using var response = await _client!.PostAsync("/v2/deployments", content);
        var body = await ProblemAssert.IsJsonAsync(response);
        return body.GetProperty("deployments")[0].GetProperty("processDefinition").GetProperty("processDefinitionKey").GetString()!;
    }

    // One client: start an instance, then claim and complete its two tasks, again and again until stopped. A command
    // cut off by a kill is sent again to the restarted host (claiming again is a no-op for the holder; a completion
    // that did land answers 409, and the task then reads COMPLETED).
    private async Task WorkAsync(string user, string definitionKey, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = await SendAsync(user, HttpMethod.Post, "/v2/process-instances", $$"""{"processDefinitionKey":"{{definitionKey}}"}""", command: true, stop);
            if (started is null)
            {
                return;
            }

            var instanceKey = started.Value.Key("processInstanceKey");
            _acknowledged.Enqueue($"start {instanceKey}");
            foreach (var element in new[] { "first", "second" })
            {
                var taskKey = await FindTaskAsync(user, instanceKey, element, stop);
                if (taskKey is null || await SendAsync(user, HttpMethod.Post, $"/v2/user-tasks/{taskKey}/claim", "", command: true, stop) is null)
                {
                    return;
                }

                _acknowledged.Enqueue($"claim {taskKey} {user}");
                if (await SendAsync(user, HttpMethod.Post, $"/v2/user-tasks/{taskKey}/completion", "{}", command: true, stop) is null)
                {
                    return;
                }

                _acknowledged.Enqueue($"complete {taskKey}");
            }
        }
    }

    private async Task<long?> FindTaskAsync(string user, long instanceKey, string element, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var found = await SendAsync(user, HttpMethod.Post, "/v2/user-tasks/search",
                $$$"""{"filter":{"processInstanceKey":"{{{instanceKey}}}","elementId":"{{{element}}}"}}""", command: false, stop);
            if (found is null)
            {
                return null;
            }

            var items = found.Value.GetProperty("items");
            if (items.GetArrayLength() > 0)
            {
                return items[0].Key("userTaskKey");
            }

            // The projection of the start was cut off by a kill: the sweeper of the next host finishes it.
            await Task.Delay(200, CancellationToken.None);
        }

        return null;
    }

    /// <summary>
    /// Sends until the host answers; returns the JSON body of a success (an empty object for 204), null when stopped.
    /// A 409 on a completion sent again after a kill counts as success when the task reads COMPLETED.
    /// </summary>
    private async Task<JsonElement?> SendAsync(string user, HttpMethod method, string path, string body, bool command, CancellationToken stop)
    {
        var resent = false;
        while (!stop.IsCancellationRequested)
        {
            await _ready.Task.WaitAsync(stop).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stop.IsCancellationRequested)
            {
                return null;
            }

            var client = _client!;
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-User-Id", user);
            if (command)
            {
                Interlocked.Increment(ref _commands);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The host died under this request: whether it was applied is unknown; send it again.
                if (command)
                {
                    Interlocked.Increment(ref _unacknowledged);
                }

                resent = true;
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    return text.Length == 0 ? JsonSerializer.Deserialize<JsonElement>("{}") : JsonSerializer.Deserialize<JsonElement>(text);
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                {
                    await Task.Delay(200, CancellationToken.None);
                    continue;
                }

                if (resent && response.StatusCode == HttpStatusCode.Conflict && path.EndsWith("/completion", StringComparison.Ordinal)
                    && (await client.GetTaskAsyncJson(long.Parse(path.Split('/')[3], CultureInfo.InvariantCulture))).GetProperty("state").GetString() == "COMPLETED")
                {
                    return JsonSerializer.Deserialize<JsonElement>("{}");
                }

                _unexpected.Enqueue($"{method} {path} by {user}: {(int)response.StatusCode} {text}");
                return null;
            }
        }

        return null;
    }

    // Every acknowledged command must show in the final state.
    private async Task<List<string>> MissingAcknowledgedAsync()
    {
        var missing = new List<string>();
        foreach (var entry in _acknowledged)
        {
            var parts = entry.Split(' ');
            var key = long.Parse(parts[1], CultureInfo.InvariantCulture);
            if (parts[0] == "start")
            {
                using var response = await _client!.GetAsync($"/v2/process-instances/{key}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    missing.Add($"{entry}: instance answers {(int)response.StatusCode}");
                }

                continue;
            }

            var task = await _client!.GetTaskAsyncJson(key);
            var ok = parts[0] == "claim" ? task.OptionalString("assignee") == parts[2] : task.GetProperty("state").GetString() == "COMPLETED";
            if (!ok)
            {
                missing.Add($"{entry}: task is {task.GetProperty("state")} assigned to {task.OptionalString("assignee")}");
            }
        }

        return missing;
    }
}
