using System.Net;
using System.Text.Json;
using TaskFunctions.TestSupport;
using Xunit.Abstractions;

namespace TaskFunctions.Functions.Tests.Reliability;

/// <summary>
/// Commands racing on one process instance over HTTP: every race has exactly one winner, the losers get the domain's
/// answer as a clean 409, and the instance, its history and the task index agree afterwards.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RaceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Claim_HundredEligibleUsersAtOnce_OneWins_NinetyNineGet409()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReliabilitySamples.TeamTask()));
        var users = Enumerable.Range(0, 100).Select(i => $"user{i:D3}").ToList();
        var clients = users.Select(u => host.Client(u, "team")).ToList();
        using var start = new SemaphoreSlim(0);

        var claims = users.Select(async (user, i) =>
        {
            await start.WaitAsync();
            var response = await clients[i].PostJsonAsync($"/v2/user-tasks/{key}/claim", "");
            return (User: user, Response: response);
        }).ToList();
        start.Release(users.Count);
        var results = await Task.WhenAll(claims);

        var winners = results.Where(r => r.Response.StatusCode == HttpStatusCode.NoContent).ToList();
        var losers = results.Where(r => r.Response.StatusCode != HttpStatusCode.NoContent).ToList();
        Assert.Single(winners);
        foreach (var (_, response) in losers)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        }

        using var reader = host.Client();
        Assert.Equal(winners[0].User, (await reader.GetTaskAsyncJson(key)).GetProperty("assignee").GetString());
        Assert.Equal(1, (await reader.TaskEventsAsync(key)).Count(e => e == "ASSIGNED"));
        var indexed = Assert.Single(await reader.SearchTasksAsync(await InstanceOfAsync(reader, key)));
        Assert.Equal(winners[0].User, indexed.GetProperty("assignee").GetString());
        output.WriteLine($"claim race: 100 concurrent claims, 1 × 204 ({winners[0].User}), {losers.Count} × 409, 1 ASSIGNED event");
        foreach (var (client, (_, response)) in clients.Zip(results))
        {
            response.Dispose();
            client.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task CompleteCancelFail_AtOnceOnOneTask_ExactlyOneTerminalOutcome()
    {
        const int Rounds = 12;
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReliabilitySamples.TeamTask());
        using var alice = host.Client("alice", "team");
        var keys = new List<long>();
        for (var i = 0; i < Rounds; i++)
        {
            var key = await host.StartAndGetTaskAsync(process);
            using var claimed = await alice.PostJsonAsync($"/v2/user-tasks/{key}/claim", "");
            Assert.Equal(HttpStatusCode.NoContent, claimed.StatusCode);
            keys.Add(key);
        }

        var commands = new (string Name, string Path, string Body, string State, string Event)[]
        {
            ("complete", "completion", """{"variables":{"done":true}}""", "COMPLETED", "COMPLETED"),
            ("cancel", "cancellation", """{"reason":"withdrawn"}""", "CANCELED", "CANCELED"),
            ("fail", "failure", """{"errorMessage":"broken"}""", "FAILED", "FAILED"),
        };
        var wins = commands.ToDictionary(c => c.Name, _ => 0);

        // Rounds run one after another, each with its three commands at once, so every race is a real one.
        foreach (var key in keys)
        {
            using var start = new SemaphoreSlim(0);
            var sends = commands.Select(async c =>
            {
                await start.WaitAsync();
                return (Command: c, Response: await alice.PostJsonAsync($"/v2/user-tasks/{key}/{c.Path}", c.Body));
            }).ToList();
            start.Release(commands.Length);
            var results = await Task.WhenAll(sends);

            var winner = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.NoContent).Command;
            foreach (var loser in results.Where(r => r.Response.StatusCode != HttpStatusCode.NoContent))
            {
                await ProblemAssert.IsProblemAsync(loser.Response, HttpStatusCode.Conflict);
            }

            wins[winner.Name]++;
            var task = await alice.GetTaskAsyncJson(key);
            Assert.Equal(winner.State, task.GetProperty("state").GetString());
            var events = await alice.TaskEventsAsync(key);
            Assert.Single(events, e => e is "COMPLETED" or "CANCELED" or "FAILED");
            Assert.Contains(winner.Event, events);
            var instanceKey = task.Key("processInstanceKey");
            var instance = await alice.GetInstanceAsync(instanceKey);
            var (state, incident) = winner.Name switch
            {
                "complete" => ("COMPLETED", false),
                "cancel" => ("TERMINATED", false),
                _ => ("ACTIVE", true),
            };
            Assert.Equal(state, instance.GetProperty("state").GetString());
            Assert.Equal(incident, instance.GetProperty("hasIncident").GetBoolean());
            Assert.Equal(winner.State, Assert.Single(await alice.SearchTasksAsync(instanceKey)).GetProperty("state").GetString());
            foreach (var (_, response) in results)
            {
                response.Dispose();
            }
        }

        output.WriteLine($"terminal race: {Rounds} tasks × (complete | cancel | fail at once); winners {string.Join(", ", wins.Select(w => $"{w.Key} {w.Value}"))}; "
            + $"{Rounds * 2} × 409, one terminal event per task");
    }

    [Theory(Timeout = 120_000)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task CompleteParallelBranches_AtOnce_JoinFiresOnce(int branches)
    {
        const int Instances = 8;
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReliabilitySamples.ParallelJoin(branches));
        using var client = host.Client();
        var instances = new List<long>();
        for (var i = 0; i < Instances; i++)
        {
            instances.Add(await host.StartAsync(process));
        }

        var sends = new List<Task<HttpResponseMessage>>();
        using var start = new SemaphoreSlim(0);
        foreach (var instanceKey in instances)
        {
            var open = await host.OpenTasksAsync(instanceKey);
            Assert.Equal(branches, open.Count);
            sends.AddRange(open.Select(async t =>
            {
                await start.WaitAsync();
                return await client.PostJsonAsync($"/v2/user-tasks/{t.UserTaskKey}/completion", "{}");
            }));
        }

        start.Release(sends.Count);
        var responses = await Task.WhenAll(sends);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        foreach (var instanceKey in instances)
        {
            var after = Assert.Single(await client.SearchTasksAsync(instanceKey, "after"));
            Assert.Equal("CREATED", after.GetProperty("state").GetString());
            Assert.Equal(branches, (await client.SearchTasksAsync(instanceKey)).Count(t => t.GetProperty("state").GetString() == "COMPLETED"));
            using var completed = await client.PostJsonAsync($"/v2/user-tasks/{after.Key("userTaskKey")}/completion", "{}");
            Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
            Assert.Equal("COMPLETED", (await client.GetInstanceAsync(instanceKey)).GetProperty("state").GetString());
        }

        output.WriteLine($"join race: {Instances} instances × {branches} branches completed at once → {Instances} joins, one 'after' task each");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<long> InstanceOfAsync(HttpClient client, long userTaskKey) =>
        (await client.GetTaskAsyncJson(userTaskKey)).Key("processInstanceKey");
}

/// <summary>Reads a task over HTTP for the reliability tests.</summary>
internal static class TaskReads
{
    public static async Task<JsonElement> GetTaskAsyncJson(this HttpClient client, long key)
    {
        using var response = await client.GetAsync($"/v2/user-tasks/{key}");
        return await ProblemAssert.IsJsonAsync(response);
    }
}
