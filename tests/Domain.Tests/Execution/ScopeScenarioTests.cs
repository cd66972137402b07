using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class ScopeScenarioTests
{
    private static ProcessHarness StartedScopes()
    {
        var harness = ProcessHarness.For("scopes.bpmn");
        harness.Start(new JsonObject
        {
            ["base"] = 10,
            ["nudges"] = 0,
            ["customer"] = new JsonObject { ["name"] = "Ada" },
            ["handled"] = new JsonObject { ["previous"] = true },
        });
        return harness;
    }

    [Fact]
    public void InputMapping_CreatesLocalVariable_CompletionWritesToNearestScopeThatHasIt()
    {
        var harness = StartedScopes();
        var prepare = harness.OpenTask("prepare");
        Assert.Equal("Ada", harness.State.Variables[prepare.ElementInstanceKey]["who"]!.GetValue<string>());

        harness.CompleteTask("prepare", new JsonObject { ["who"] = "Bob", ["note"] = "n" });

        Assert.False(harness.Variables.ContainsKey("who"));
        Assert.Equal("n", harness.Variables["note"]!.GetValue<string>());
        Assert.False(harness.State.Variables.ContainsKey(prepare.ElementInstanceKey));
    }

    [Fact]
    public void SubProcess_LocalResultStaysInside_OutputMappingMergesIntoNestedVariable()
    {
        var harness = StartedScopes();
        harness.CompleteTask("prepare");
        Assert.False(harness.Variables.ContainsKey("result"));

        harness.CompleteTask("inner_review");

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.False(harness.Variables.ContainsKey("result"));
        Assert.Equal("{\"previous\":true,\"result\":11}", harness.Variables["handled"]!.ToJsonString());
    }

    [Fact]
    public void NonInterruptingBoundaryOnSubProcess_FiresWhileInnerTaskStaysOpen_CanceledWhenSubProcessCompletes()
    {
        var harness = StartedScopes();
        harness.CompleteTask("prepare");

        harness.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, harness.Variables["nudges"]!.GetValue<decimal>());
        Assert.Single(harness.OpenTasks("inner_review"));
        harness.CompleteTask("inner_review");
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void SubProcessBoundaryTimer_CanceledWhenSubProcessCompletesEarly()
    {
        var harness = StartedScopes();
        harness.CompleteTask("prepare");
        var timer = Assert.Single(harness.Timers.Values);

        harness.CompleteTask("inner_review");

        Assert.Contains(harness.Effects, e => e is CancelTimer c && c.TimerId == timer.TimerId);
        Assert.True(harness.Send(new TimerFired(timer.TimerId, timer.Token)).IsNoOp);
    }

    [Fact]
    public void TerminateEndInSubProcess_EndsOnlyThatScope_ParentContinues()
    {
        var harness = ProcessHarness.For("nested-errors.bpmn");
        harness.Start();
        var side = harness.OpenTask("side");

        harness.Send(new CompleteJob(harness.ActiveJob("work").JobKey));

        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[side.UserTaskKey].State);
        Assert.Single(harness.OpenTasks("after_inner"));
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
    }

    [Fact]
    public void ErrorFromJobTwoScopesDeep_CaughtByOuterSubProcessBoundary()
    {
        var harness = ProcessHarness.For("nested-errors.bpmn");
        harness.Start();
        var side = harness.OpenTask("side");

        harness.Send(new ThrowJobError(harness.ActiveJob("work").JobKey, "E1", "broken"));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[side.UserTaskKey].State);
        Assert.Equal("interrupted by error boundary outer_failed", harness.Instance.UserTasks[side.UserTaskKey].CancelReason);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_outer_failed");
    }

    [Fact]
    public void FailOfOneMultiInstanceTask_CaughtByBodyBoundary_CancelsTheOthers()
    {
        var harness = ProcessHarness.For("nested-errors.bpmn");
        harness.Start();
        harness.Send(new ThrowJobError(harness.ActiveJob("work").JobKey, "OTHER"));
        Assert.Single(harness.State.Incidents);
        harness.Send(new CancelInstance());
        Assert.Equal(ProcessInstanceStatus.Canceled, harness.State.Status);

        var second = ProcessHarness.For("nested-errors.bpmn");
        second.Start();
        second.Send(new CompleteJob(second.ActiveJob("work").JobKey));
        second.CompleteTask("after_inner");
        var votes = second.OpenTasks("vote").ToList();
        Assert.Equal(3, votes.Count);

        second.Send(new UserTaskCommandEnvelope(votes[1].UserTaskKey, new UserTaskCommand.Fail("E1", "cannot vote")));

        Assert.Equal(ProcessInstanceStatus.Completed, second.State.Status);
        Assert.Equal(UserTaskState.Canceled, second.Instance!.UserTasks[votes[0].UserTaskKey].State);
        Assert.Equal(UserTaskState.Canceled, second.Instance.UserTasks[votes[2].UserTaskKey].State);
        Assert.Contains(second.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_vote_failed");
    }
}
