using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

/// <summary>
/// Random command sequences against several processes: whatever happens, the runtime's timer table matches the
/// instance's pending timers, every open task and activatable job belongs to a live element, the state round trips,
/// and an ended instance leaves no token, task, job or timer behind.
/// </summary>
public sealed class RandomCommandPropertyTests
{
    private static readonly string[] Fixtures =
    [
        "review-timers.bpmn", "approval.bpmn", "parallel.bpmn", "terminate.bpmn", "jobs-and-errors.bpmn",
        "multi-instance-parallel.bpmn", "multi-instance-sequential.bpmn", "inclusive.bpmn", "scopes.bpmn", "nested-errors.bpmn", "timer-kinds.bpmn", "inclusive-escape.bpmn",
    ];

    [Fact]
    public void RandomCommands_NeverLeakTokensTimersTasksOrJobs_AndAreDeterministic()
    {
        var steps = Gen.ListOf(Gen.Choose(0, 999), 30).Select(l => l.ToArray());
        var scenario = Gen.Choose(0, Fixtures.Length - 1).SelectMany(f => steps.Select(s => (Fixture: f, Steps: s)));

        var outcomes = new Dictionary<ProcessInstanceStatus, int>();
        Prop.ForAll(Arb.From(scenario), input =>
            {
                var first = RunScenario(Fixtures[input.Fixture], input.Steps);
                outcomes[first.State.Status] = outcomes.GetValueOrDefault(first.State.Status) + 1;
                var second = RunScenario(Fixtures[input.Fixture], input.Steps);
                Assert.Equal(Snapshot(first), Snapshot(second));
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));

        // The generator must reach every ending, or the leak checks prove little.
        Assert.True(outcomes.GetValueOrDefault(ProcessInstanceStatus.Completed) > 10, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(ProcessInstanceStatus.Canceled) > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(ProcessInstanceStatus.Active) > 0, string.Join(", ", outcomes));
    }

    private static string Snapshot(ProcessHarness harness) =>
        ProcessInstanceJson.Serialize(harness.State)
        + string.Concat(harness.Instance!.UserTasks.Values.OrderBy(t => t.UserTaskKey).Select(ProcessInstanceJson.Serialize))
        + string.Concat(harness.Instance.Jobs.Values.OrderBy(j => j.JobKey).Select(ProcessInstanceJson.Serialize))
        + System.Text.Json.JsonSerializer.Serialize(harness.History, ProcessInstanceJson.Options);

    private static ProcessHarness RunScenario(string fixture, int[] steps)
    {
        var harness = new ProcessHarness(ProcessHarness.Load(fixture)) { RoundTripEveryStep = true };
        harness.Start(new JsonObject
        {
            ["wait"] = "PT10M",
            ["order"] = new JsonObject { ["total"] = 3 },
            ["reviewers"] = new JsonArray("ann", "ben", "cid"),
            ["channels"] = new JsonArray("email", "sms"),
            ["base"] = 1,
            ["nudges"] = 0,
            ["ticks"] = 0,
            ["owner"] = "olga",
            ["customer"] = new JsonObject { ["name"] = "Ada" },
        });
        foreach (var step in steps)
        {
            if (harness.State.Status != ProcessInstanceStatus.Active)
            {
                break;
            }

            Act(harness, step);
            CheckInvariants(harness);
        }

        return harness;
    }

    private static void Act(ProcessHarness harness, int step)
    {
        var openTasks = harness.Instance!.UserTasks.Values.Where(t => t.IsOpen).OrderBy(t => t.UserTaskKey).ToList();
        var jobs = harness.Instance.Jobs.Values.Where(j => j.State == JobState.Activatable).OrderBy(j => j.JobKey).ToList();
        var pick = step / 10;
        switch (step % 10)
        {
            case 0 or 1 or 2 when openTasks.Count > 0:
                var task = openTasks[pick % openTasks.Count];
                harness.TrySend(
                    new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject
                    {
                        ["approved"] = pick % 2 == 0, ["comment"] = "c", ["decision"] = "d",
                    })));
                break;
            case 3 when openTasks.Count > 0:
                var failing = openTasks[pick % openTasks.Count];
                harness.TrySend(new UserTaskCommandEnvelope(failing.UserTaskKey, new UserTaskCommand.Fail(pick % 2 == 0 ? "REJECTED" : null, "failed")));
                break;
            case 4 or 5:
                harness.Advance(TimeSpan.FromMinutes(1 + pick % 90));
                break;
            case 6 when jobs.Count > 0:
                var job = jobs[pick % jobs.Count];
                ProcessCommand command = (pick % 4) switch
                {
                    0 => new CompleteJob(job.JobKey, new JsonObject { ["receipt"] = new JsonObject { ["id"] = "r" } }),
                    1 => new FailJob(job.JobKey, pick % 2),
                    2 => new ThrowJobError(job.JobKey, pick % 3 == 0 ? "DECLINED" : "OTHER"),
                    _ => new CompleteJob(job.JobKey),
                };
                harness.TrySend(command);
                break;
            case 7 when harness.State.Incidents.Count > 0:
                var incident = harness.State.Incidents[pick % harness.State.Incidents.Count];
                if (incident.JobKey is { } jobKey)
                {
                    harness.TrySend(new UpdateJobRetries(jobKey, 1));
                }

                harness.TrySend(new ResolveIncident(incident.Key));
                break;
            case 8 when pick % 10 == 0:
                harness.Send(new CancelInstance());
                break;
            case 9 when openTasks.Count > 0:
                var claimed = openTasks[pick % openTasks.Count];
                harness.TrySend(new UserTaskCommandEnvelope(claimed.UserTaskKey, new UserTaskCommand.Assign("zoe")));
                break;
        }
    }

    private static void CheckInvariants(ProcessHarness harness)
    {
        var state = harness.State;
        Assert.Equal(
            state.Timers.Select(t => (t.TimerId, t.Token, t.DueAt)).OrderBy(t => t.TimerId, StringComparer.Ordinal),
            harness.Timers.Values.Select(t => (t.TimerId, t.Token, t.DueAt)));
        Assert.Equal(
            harness.Instance!.Jobs.Values.Where(j => j.State == JobState.Activatable).Select(j => j.JobKey).Order(),
            harness.ActivatableJobs.Keys);
        Assert.Equal(harness.History.Count, state.Sequence);
        var elementKeys = state.ElementInstances.Select(e => e.Key).ToHashSet();
        Assert.All(state.Timers, t => Assert.Contains(t.ElementInstanceKey, elementKeys));
        Assert.All(harness.Instance.UserTasks.Values.Where(t => t.IsOpen), t => Assert.Contains(t.ElementInstanceKey, elementKeys));
        Assert.All(harness.ActivatableJobs.Keys, k => Assert.Contains(harness.Instance.Jobs[k].ElementInstanceKey, elementKeys));
        Assert.All(state.ElementInstances.Where(e => e.FlowScopeKey is { } scope), e => Assert.Contains(e.FlowScopeKey!.Value, elementKeys));
        if (state.Status != ProcessInstanceStatus.Active)
        {
            Assert.Empty(state.ElementInstances);
            Assert.Empty(state.Timers);
            Assert.Empty(harness.Timers);
            Assert.Empty(harness.ActivatableJobs);
            Assert.Empty(state.Incidents);
            Assert.DoesNotContain(harness.Instance.UserTasks.Values, t => t.IsOpen);
        }
    }
}
