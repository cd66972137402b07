using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class TimerKindTests
{
    private static ProcessHarness Started(JsonNode? owner)
    {
        var harness = ProcessHarness.For("timer-kinds.bpmn");
        harness.Start(new JsonObject { ["ticks"] = 0, ["owner"] = owner });
        return harness;
    }

    [Fact]
    public void DateTimer_WaitsUntilTheInstant_ThenAppliesOutputMapping()
    {
        var harness = Started("olga");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Assert.Single(harness.Timers.Values).DueAt);

        harness.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        Assert.Empty(harness.OpenTasks("watch"));
        harness.Advance(TimeSpan.FromSeconds(1));

        Assert.True(harness.Variables["noonPassed"]!.GetValue<bool>());
        Assert.Equal("olga", harness.OpenTask("watch").Assignee);
    }

    [Fact]
    public void EndlessCycle_RepeatsUntilTheActivityEnds()
    {
        var harness = Started("olga");
        harness.Advance(TimeSpan.FromHours(3));

        harness.Advance(TimeSpan.FromMinutes(35));
        Assert.Equal(3, harness.Variables["ticks"]!.GetValue<decimal>());
        harness.Send(new UserTaskCommandEnvelope(harness.OpenTask("watch").UserTaskKey, new UserTaskCommand.Complete()), Caller.User("olga"));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void FollowUpDate_FiresMarkFollowUpDue()
    {
        var harness = Started("olga");
        harness.Advance(TimeSpan.FromHours(3));
        var task = harness.OpenTask("watch");
        Assert.Contains($"{task.UserTaskKey}:followUp", harness.Timers.Keys);

        harness.Advance(TimeSpan.FromHours(3));

        Assert.True(harness.OpenTask("watch").IsFollowUpDue);
        Assert.DoesNotContain($"{task.UserTaskKey}:followUp", harness.Timers.Keys);
    }

    [Fact]
    public void AssigneeExpressionOfWrongType_IncidentUntilVariableFixed()
    {
        var harness = Started(42);
        harness.Advance(TimeSpan.FromHours(3));
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.UserTaskActivationFailed, incident.ErrorType);
        Assert.Empty(harness.Instance!.UserTasks);

        harness.Send(new SetVariables(new JsonObject { ["owner"] = "olga" }));
        harness.Send(new ResolveIncident(incident.Key));

        Assert.Equal("olga", harness.OpenTask("watch").Assignee);
    }

    [Fact]
    public void MarkOverdue_FromAPerson_IsForbidden()
    {
        var harness = Started("olga");
        harness.Advance(TimeSpan.FromHours(3));
        var task = harness.OpenTask("watch");

        var result = harness.TrySend(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.MarkFollowUpDue(task.FollowUpTimerToken!)), Caller.User("olga"));

        Assert.Equal(DomainErrorKind.Forbidden, result.Error!.Kind);
    }
}
