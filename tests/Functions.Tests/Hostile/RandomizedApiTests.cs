using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TaskFunctions.Functions.Tests.Api.UserTasks;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// A seeded random workload: several users (auth mode None, identity headers, different groups) send mixed valid and
/// invalid commands at once, and after every round the invariants are checked through the API. The seed is printed;
/// set <c>TASKFUNCTIONS_RANDOM_SEED</c> to replay a run. Bounded by <see cref="MaxSteps"/> commands and
/// <see cref="MaxDuration"/>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RandomizedApiTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    public const string SeedVariable = "TASKFUNCTIONS_RANDOM_SEED";
    private const int MaxSteps = 400;
    private const int Concurrency = 4;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(45);

    private static readonly Dictionary<string, string[]> Users = new()
    {
        ["alice"] = ["accounting"],
        ["bob"] = ["accounting"],
        ["carol"] = ["sales"],
        ["dave"] = [],
    };

    [Fact(Timeout = 150_000)]
    public async Task RandomCommands_SeveralUsersConcurrently_InvariantsHoldAfterEveryRound()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"{SeedVariable}={seed}");
        var random = new Random(seed);
        await using var host = ApiHost.Start(azurite);
        await host.DeployAsync(UserTaskSamples.Review(), ("review.form", UserTaskSamples.Form));
        await host.DeployAsync(UserTaskSamples.Plain());
        var clients = Users.Keys.ToDictionary(u => u, u => host.Client(u, Users[u]));
        clients["anonymous"] = host.Client();
        var world = new World();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var steps = 0;

        try
        {
            for (var i = 0; i < 3; i++)
            {
                await world.StartAsync(clients["anonymous"], i % 2 == 0 ? "invoice-review" : "plain-process");
            }

            while (steps < MaxSteps && clock.Elapsed < MaxDuration)
            {
                // Choose on this thread, so a seed replays the same commands; the order they land in may differ.
                var round = Enumerable.Range(0, Concurrency).Select(_ => Choose(random, world)).ToList();
                var answers = await Task.WhenAll(round.Select(c => c.SendAsync(clients, world)));
                steps += round.Count;
                foreach (var (command, (status, body, mediaType)) in round.Zip(answers))
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    Assert.True(status < 500, $"seed {seed}: {command} answered {status}: {body}");
                    Assert.True(status < 300 || mediaType == "application/problem+json", $"seed {seed}: {command} answered {status} as {mediaType}: {body}");
                    ResponseAssert.RevealsNothing(body, command.ToString());
                }

                await world.CheckAsync(clients["anonymous"], seed, steps);
            }
        }
        finally
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{steps} commands in {clock.Elapsed.TotalSeconds:F1} s, {world.Instances.Count} instances, {world.Ended.Count} tasks ended; " +
                $"statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}"));
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(steps >= Concurrency, "not one round ran");
    }

    private static Command Choose(Random random, World world)
    {
        var user = random.Next(6) switch
        {
            0 => "anonymous",
            var i => Users.Keys.ElementAt((i - 1) % Users.Count),
        };
        var task = world.Tasks.Count == 0 ? 1L : world.Tasks[random.Next(world.Tasks.Count)];
        var other = Users.Keys.ElementAt(random.Next(Users.Count));
        var approved = random.Next(3) switch { 0 => "", 1 => "\"approved\":null", _ => "\"approved\":true" };
        return random.Next(16) switch
        {
            0 => new Command(user, "POST", "/v2/process-instances", random.Next(2) == 0 ? """{"processDefinitionId":"invoice-review","variables":{"amount":1}}""" : """{"processDefinitionId":"plain-process"}""", Starts: true),
            1 or 2 => new Command(user, "POST", $"/v2/user-tasks/{task}/claim", null),
            3 => new Command(user, "POST", $"/v2/user-tasks/{task}/unclaim", null),
            // The anonymous caller of mode None is trusted and vouches for any assignee's groups (docs/user-tasks.md),
            // so only named users assign here: their assignments must keep the eligibility invariant.
            4 => new Command(user == "anonymous" ? other : user, "POST", $"/v2/user-tasks/{task}/assignment", $$$"""{"assignee":"{{{(random.Next(2) == 0 ? user : other)}}}","allowOverride":{{{(random.Next(2) == 0 ? "true" : "false")}}}}"""),
            5 => new Command(user, "DELETE", $"/v2/user-tasks/{task}/assignee", null),
            6 or 7 => new Command(user, "POST", $"/v2/user-tasks/{task}/completion", $$$"""{"variables":{{{{approved}}}}}"""),
            8 => new Command(user, "PATCH", $"/v2/user-tasks/{task}", $$$"""{"changeset":{"priority":{{{random.Next(-10, 111)}}}}}"""),
            9 => new Command(user, "POST", $"/v2/user-tasks/{task}/failure", random.Next(2) == 0 ? """{"errorMessage":"broken"}""" : "{}"),
            10 => new Command(user, "POST", $"/v2/user-tasks/{task}/cancellation", "{}"),
            11 when world.Instances.Count > 0 => new Command(user, "POST", $"/v2/process-instances/{world.Instances[random.Next(world.Instances.Count)]}/cancellation", "{}"),
            12 => new Command(user, "POST", $"/v2/user-tasks/{(random.Next(2) == 0 ? "abc" : "-5")}/claim", null),
            13 => new Command(user, "POST", $"/v2/user-tasks/{task}/completion", random.Next(2) == 0 ? "{\"variables\":" : "[1]"),
            14 => new Command(user, "POST", $"/v2/user-tasks/{task + 1}/claim", null),
            _ => new Command(user, "PATCH", $"/v1/tasks/{task}/assign", "{}"),
        };
    }

    private sealed record Command(string User, string Method, string Url, string? Body, bool Starts = false)
    {
        public async Task<(int Status, string Body, string? MediaType)> SendAsync(Dictionary<string, HttpClient> clients, World world)
        {
            using var request = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Body is not null)
            {
                request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
            }

            using var response = await clients[User].SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (Starts && response.StatusCode == HttpStatusCode.OK)
            {
                await world.AddInstanceAsync(clients["anonymous"], JsonSerializer.Deserialize<JsonElement>(body).GetProperty("processInstanceKey").GetString()!);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // Tasklist v1 answers errors in its own shape (served as problem+json too).
            return ((int)response.StatusCode, body, mediaType);
        }

        public override string ToString() => $"{User}: {Method} {Url} {Body}";
    }

    /// <summary>What the test knows of the hub: instances, their tasks, and the tasks seen ended (with their last state).</summary>
    private sealed class World
    {
        private readonly Lock _lock = new();

        public List<long> Instances { get; } = [];

        public List<long> Tasks { get; } = [];

        public Dictionary<long, string> Ended { get; } = [];

        public async Task StartAsync(HttpClient client, string processId)
        {
            using var response = await client.PostAsync("/v2/process-instances", $$$"""{"processDefinitionId":"{{{processId}}}"{{{(processId == "invoice-review" ? ",\"variables\":{\"amount\":1}" : "")}}}}""");
            var body = await ProblemAssert.IsJsonAsync(response);
            await AddInstanceAsync(client, body.GetProperty("processInstanceKey").GetString()!);
        }

        public async Task AddInstanceAsync(HttpClient client, string instanceKey)
        {
            var tasks = await SearchAsync(client, $$$"""{"filter":{"processInstanceKey":"{{{instanceKey}}}"}}""");
            lock (_lock)
            {
                Instances.Add(long.Parse(instanceKey, CultureInfo.InvariantCulture));
                Tasks.AddRange(tasks.Select(t => long.Parse(t.GetProperty("userTaskKey").GetString()!, CultureInfo.InvariantCulture)));
            }
        }

        public async Task CheckAsync(HttpClient client, int seed, int step)
        {
            string Where(string what) => $"seed {seed}, after {step} commands: {what}";
            var searched = (await SearchAsync(client, """{"page":{"limit":1000}}"""))
                .ToDictionary(t => long.Parse(t.GetProperty("userTaskKey").GetString()!, CultureInfo.InvariantCulture));
            var openByInstance = new Dictionary<long, int>();
            foreach (var key in Tasks)
            {
                using var response = await client.GetAsync($"/v2/user-tasks/{key}");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, Where($"GET task {key} answered {(int)response.StatusCode}: {text}"));
                var task = JsonSerializer.Deserialize<JsonElement>(text);
                var state = task.GetProperty("state").GetString()!;
                var assignee = task.OptionalString("assignee");

                // Search agrees with GET.
                Assert.True(searched.TryGetValue(key, out var indexed), Where($"task {key} missing from the search"));
                Assert.Equal(state, indexed.GetProperty("state").GetString());
                Assert.Equal(assignee, indexed.OptionalString("assignee"));
                Assert.Equal(task.GetProperty("priority").GetInt32(), indexed.GetProperty("priority").GetInt32());

                // Ended tasks never change again.
                if (Ended.TryGetValue(key, out var final))
                {
                    Assert.True(final == text, Where($"ended task {key} changed:\n{final}\n→\n{text}"));
                }
                else if (state != "CREATED")
                {
                    Ended[key] = text;
                }

                // At most one assignee (one string), and an eligible one.
                if (state == "CREATED" && assignee is not null)
                {
                    var groups = task.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()!).ToList();
                    var users = task.GetProperty("candidateUsers").EnumerateArray().Select(g => g.GetString()!).ToList();
                    var eligible = (groups.Count == 0 && users.Count == 0) || users.Contains(assignee)
                                   || (Users.TryGetValue(assignee, out var own) && own.Intersect(groups).Any());
                    Assert.True(eligible, Where($"task {key} is assigned to {assignee}, who is not eligible: {text}"));
                }

                if (state == "CREATED")
                {
                    var instance = long.Parse(task.GetProperty("processInstanceKey").GetString()!, CultureInfo.InvariantCulture);
                    openByInstance[instance] = openByInstance.GetValueOrDefault(instance) + 1;
                }
            }

            // Counts agree with searches.
            foreach (var filter in new[] { """{"state":"CREATED"}""", """{"assignee":"alice"}""", """{"candidateGroup":"accounting"}""", """{"state":"COMPLETED"}""" })
            {
                var items = await SearchAsync(client, $$$"""{"filter":{{{filter}}},"page":{"limit":1000}}""");
                var count = await ProblemAssert.IsJsonAsync(await client.PostAsync("/v2/user-tasks/search/count", $$$"""{"filter":{{{filter}}}}"""));
                Assert.True(items.Count == count.GetProperty("totalItems").GetInt64(), Where($"count {count} ≠ {items.Count} searched for {filter}"));
            }

            // Each instance's open tasks match its state: an active one waits on its one task (or holds an incident
            // after a failure), an ended one has none.
            foreach (var instance in Instances)
            {
                var body = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v2/process-instances/{instance}"));
                var state = body.GetProperty("state").GetString();
                var open = openByInstance.GetValueOrDefault(instance);
                if (state == "ACTIVE")
                {
                    Assert.True(open == 1 || (open == 0 && body.GetProperty("hasIncident").GetBoolean()),
                        Where($"active instance {instance} has {open} open tasks: {body}"));
                }
                else
                {
                    Assert.True(open == 0, Where($"{state} instance {instance} still has {open} open tasks"));
                }
            }
        }

        private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string body)
        {
            var result = await ProblemAssert.IsJsonAsync(await client.PostAsync("/v2/user-tasks/search", body));
            return [.. result.GetProperty("items").EnumerateArray()];
        }
    }
}
