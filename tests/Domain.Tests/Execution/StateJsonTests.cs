using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class StateJsonTests
{
    private static readonly Action<ProcessHarness>[] LongScenario =
    [
        h => h.Start(new JsonObject { ["wait"] = "PT10M", ["order"] = new JsonObject { ["id"] = 7, ["price"] = 12.50m } }),
        h => h.Advance(TimeSpan.FromMinutes(31)),
        h => h.Send(new UserTaskCommandEnvelope(h.OpenTask("reminder").UserTaskKey, new UserTaskCommand.Claim()), Caller.User("ann")),
        h => h.Send(new UserTaskCommandEnvelope(h.OpenTask("reminder").UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["note"] = "pinged" })), Caller.User("ann")),
        h => h.Advance(TimeSpan.FromMinutes(30)),
        h => h.Send(new UserTaskCommandEnvelope(h.OpenTask("review").UserTaskKey, new UserTaskCommand.Assign("bob")), Caller.Admin("root")),
        h => h.Send(new UserTaskCommandEnvelope(h.OpenTask("review").UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["ok"] = true })), Caller.User("bob")),
        h => h.Advance(TimeSpan.FromMinutes(5)),
        h => h.CompleteTask("reminder"),
        h => h.Advance(TimeSpan.FromMinutes(5)),
    ];

    [Fact]
    public void LongScenario_RoundTripAfterEveryStep_GivesIdenticalResults()
    {
        var plain = Run(roundTrip: false, out var plainSnapshots);
        var roundTripped = Run(roundTrip: true, out var roundTripSnapshots);

        Assert.Equal(plainSnapshots, roundTripSnapshots);
        Assert.Equal(Serialize(plain), Serialize(roundTripped));
        Assert.Equal(ProcessInstanceStatus.Completed, roundTripped.State.Status);
        Assert.Equal(12.50m, roundTripped.Variables["order"]!["price"]!.GetValue<decimal>());
    }

    [Fact]
    public void SameInputsTwice_IdenticalStateEventsAndEffects()
    {
        var first = Run(roundTrip: false, out _);
        var second = Run(roundTrip: false, out _);

        Assert.Equal(Serialize(first), Serialize(second));
    }

    [Fact]
    public void StateJson_IsCompactAndRoundTrips()
    {
        var harness = ProcessHarness.For("multi-instance-parallel.bpmn");
        harness.Start(new JsonObject { ["reviewers"] = new JsonArray("ann", "ben") });

        var json = ProcessInstanceJson.Serialize(harness.State);
        var back = ProcessInstanceJson.DeserializeState(json);

        Assert.DoesNotContain('\n', json);
        Assert.Contains("\"multiInstance\":{\"items\":[\"ann\",\"ben\"]", json, StringComparison.Ordinal);
        Assert.Equal(json, ProcessInstanceJson.Serialize(back));
        Assert.Equal(harness.State.ElementInstances.Select(e => e.Key), back.ElementInstances.Select(e => e.Key));
    }

    [Fact]
    public void TimerWithCycle_RoundTripsInterval()
    {
        var harness = ProcessHarness.For("review-timers.bpmn");
        harness.Start(new JsonObject { ["wait"] = "PT1M" });

        var back = ProcessInstanceJson.DeserializeState(ProcessInstanceJson.Serialize(harness.State));

        Assert.Equal(harness.State.Timers, back.Timers);
    }

    [Fact]
    public void JobJson_RoundTrips()
    {
        var harness = ProcessHarness.For("jobs-and-errors.bpmn");
        harness.Start(new JsonObject { ["order"] = new JsonObject { ["total"] = 1 } });
        var job = harness.ActiveJob("charge");

        var json = ProcessInstanceJson.Serialize(job);

        Assert.Equal(json, ProcessInstanceJson.Serialize(ProcessInstanceJson.DeserializeJob(json)));
    }

    private static ProcessHarness Run(bool roundTrip, out List<string> snapshots)
    {
        var harness = new ProcessHarness(ProcessHarness.Load("review-timers.bpmn")) { RoundTripEveryStep = roundTrip };
        snapshots = [];
        foreach (var step in LongScenario)
        {
            step(harness);
            snapshots.Add(ProcessInstanceJson.Serialize(harness.State));
        }

        return harness;
    }

    private static string Serialize(ProcessHarness harness) =>
        string.Join(
            "\n",
            ProcessInstanceJson.Serialize(harness.State),
            string.Join(",", harness.Instance!.UserTasks.Values.OrderBy(t => t.UserTaskKey).Select(ProcessInstanceJson.Serialize)),
            string.Join(",", harness.Instance.Jobs.Values.OrderBy(j => j.JobKey).Select(ProcessInstanceJson.Serialize)),
            JsonSerializer.Serialize(harness.History, ProcessInstanceJson.Options),
            string.Join(",", harness.Effects.Select(e => JsonSerializer.Serialize<object>(e, ProcessInstanceJson.Options))));
}
