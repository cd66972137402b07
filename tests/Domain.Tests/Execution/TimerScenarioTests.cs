using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class TimerScenarioTests
{
    private static ProcessHarness Started()
    {
        var harness = ProcessHarness.For("review-timers.bpmn");
        harness.Start(new JsonObject { ["wait"] = "PT10M" });
        return harness;
    }

    [Fact]
    public void Activation_TaskWithDueDateAndBoundaryTimers_SchedulesAllThree()
    {
        var harness = Started();
        var task = harness.OpenTask("review");

        Assert.Equal(ProcessHarness.Epoch.AddHours(1), task.DueDate);
        var kinds = harness.Timers.Values.Select(t => (t.Kind, t.DueAt)).OrderBy(t => t.DueAt).ToList();
        Assert.Equal(
            [
                (ScheduledTimerKind.BpmnTimer, ProcessHarness.Epoch.AddMinutes(30)),
                (ScheduledTimerKind.DueDate, ProcessHarness.Epoch.AddHours(1)),
                (ScheduledTimerKind.BpmnTimer, ProcessHarness.Epoch.AddHours(2)),
            ],
            kinds);
    }

    [Fact]
    public void NonInterruptingCycle_FiresTwice_TaskStaysOpen()
    {
        var harness = Started();

        harness.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(2, harness.OpenTasks("reminder").Count());
        Assert.True(harness.OpenTask("review").IsOverdue);
        Assert.DoesNotContain(harness.Timers.Values, t => t.TimerId.EndsWith(":remind", StringComparison.Ordinal));
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.UserTaskEvent && e.Data!["kind"]!.GetValue<string>() == "ESCALATED");
    }

    [Fact]
    public void InterruptingBoundary_OnOverdueTask_CancelsTaskAndTakesBoundaryPath()
    {
        var harness = Started();
        var review = harness.OpenTask("review");

        harness.Advance(TimeSpan.FromHours(2));

        var canceled = harness.Instance!.UserTasks[review.UserTaskKey];
        Assert.Equal(UserTaskState.Canceled, canceled.State);
        Assert.Equal("interrupted by timer boundary overdue (Overdue)", canceled.CancelReason);
        Assert.Single(harness.OpenTasks("escalate"));
        Assert.DoesNotContain(harness.Timers.Values, t => t.ElementInstanceKey == review.ElementInstanceKey);
    }

    [Fact]
    public void CompletingTask_CancelsItsTimers_ThenIntermediateTimerWaits()
    {
        var harness = Started();

        harness.CompleteTask("review");

        var timer = Assert.Single(harness.Timers.Values);
        Assert.Equal(ProcessHarness.Epoch.AddMinutes(10), timer.DueAt);
        Assert.Contains("cool_down", harness.ActiveElementIds());

        harness.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void TimerFired_StaleToken_ChangesNothing()
    {
        var harness = Started();
        var timer = harness.Timers.Values.First(t => t.Kind == ScheduledTimerKind.BpmnTimer);

        var stale = harness.Send(new TimerFired(timer.TimerId, "not-the-token"));
        var unknown = harness.Send(new TimerFired("nope", timer.Token));

        Assert.True(stale.IsNoOp);
        Assert.True(unknown.IsNoOp);
    }

    [Fact]
    public void TimerFired_Twice_SecondIsNoOp()
    {
        var harness = Started();
        var timer = harness.Timers.Values.Single(t => t.TimerId.EndsWith(":overdue", StringComparison.Ordinal));
        harness.Send(new TimerFired(timer.TimerId, timer.Token));

        var again = harness.Send(new TimerFired(timer.TimerId, timer.Token));

        Assert.True(again.IsNoOp);
        Assert.Single(harness.OpenTasks("escalate"));
    }

    [Fact]
    public void DueDateUpdate_ReschedulesTimerWithNewToken()
    {
        var harness = Started();
        var task = harness.OpenTask("review");
        var old = harness.Timers[$"{task.UserTaskKey}:due"];
        var changes = UserTaskChangeset.FromJson(new JsonObject { ["dueDate"] = "2026-03-05T09:00:00Z" });
        Assert.True(changes.IsSuccess, changes.Error?.ToString());

        harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Update(changes.Changeset!)));

        var rescheduled = harness.Timers[$"{task.UserTaskKey}:due"];
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero), rescheduled.DueAt);
        Assert.NotEqual(old.Token, rescheduled.Token);
        Assert.True(harness.Send(new TimerFired(old.TimerId, old.Token)).IsNoOp);
    }

    [Fact]
    public void TimerExpression_NotADuration_RaisesIncident()
    {
        var harness = ProcessHarness.For("review-timers.bpmn");
        harness.Start(new JsonObject { ["wait"] = 5 });

        harness.CompleteTask("review");

        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal("cool_down", incident.ElementId);
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
    }
}
