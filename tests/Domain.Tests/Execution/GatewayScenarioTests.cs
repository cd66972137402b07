using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class GatewayScenarioTests
{
    [Theory]
    [InlineData("task_a", "task_b")]
    [InlineData("task_b", "task_a")]
    public void ParallelJoin_BothBranchesComplete_FiresExactlyOnce(string first, string second)
    {
        var harness = ProcessHarness.For("parallel.bpmn");
        harness.Start();

        harness.CompleteTask(first);
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        Assert.DoesNotContain("count", harness.History.Select(e => e.ElementId));
        harness.CompleteTask(second);

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal(1, harness.Variables["joined"]!.GetValue<decimal>());
        Assert.Single(harness.History, e => e.Type == ProcessEventType.ElementActivated && e.ElementId == "join");
    }

    [Fact]
    public void ExclusiveGateway_NoConditionTrueAndNoDefault_RaisesIncidentAndStaysActive()
    {
        var harness = ProcessHarness.For("no-default.bpmn");

        harness.Start(new JsonObject { ["amount"] = 500 });

        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.ConditionError, incident.ErrorType);
        Assert.Equal("route", incident.ElementId);
        Assert.Contains("route", harness.ActiveElementIds());
    }

    [Fact]
    public void ExclusiveGateway_ConditionOnMissingVariable_RaisesIncident_ResolveRetriesAfterFix()
    {
        var harness = ProcessHarness.For("no-default.bpmn");
        harness.Start();
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.ExtractValueError, incident.ErrorType);

        var resolved = harness.Send(new ResolveIncident(incident.Key));

        Assert.Contains(resolved.Events, e => e.Type == ProcessEventType.IncidentResolved);
        Assert.Single(harness.State.Incidents);
    }

    [Fact]
    public void Incident_VariablesFixedThenResolved_ContinuesFromTheGateway()
    {
        var harness = ProcessHarness.For("no-default.bpmn");
        harness.Start(new JsonObject { ["amount"] = 500 });
        var incident = Assert.Single(harness.State.Incidents);

        harness.Send(new SetVariables(new JsonObject { ["amount"] = 50 }));
        harness.Send(new ResolveIncident(incident.Key));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_small");
    }

    [Fact]
    public void Condition_OnNumberOutsideFeelRange_RaisesIncidentInsteadOfThrowing()
    {
        var harness = ProcessHarness.For("no-default.bpmn");

        harness.Start(new JsonObject { ["amount"] = JsonNode.Parse("1e300") });

        var incident = Assert.Single(harness.State.Incidents);
        Assert.Contains("outside the range", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveIncident_Unknown_IsNotFound()
    {
        var harness = ProcessHarness.For("no-default.bpmn");
        harness.Start(new JsonObject { ["amount"] = 500 });

        Assert.Equal(DomainErrorKind.NotFound, harness.TrySend(new ResolveIncident(1)).Error!.Kind);
        Assert.Equal(DomainErrorKind.NotFound, harness.TrySend(new SetVariables(new JsonObject { ["a"] = 1 }, 1)).Error!.Kind);
    }

    [Fact]
    public void ExclusiveGateway_FirstTrueConditionInFlowOrder_IsTaken()
    {
        var harness = ProcessHarness.For("no-default.bpmn");

        harness.Start(new JsonObject { ["amount"] = 5000 });

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_large");
    }

    [Fact]
    public void InclusiveGateway_TwoConditionsTrue_ForksTwoAndJoinsWhenBothDone()
    {
        var harness = ProcessHarness.For("inclusive.bpmn");
        harness.Start(new JsonObject { ["channels"] = new JsonArray("email", "sms") });

        Assert.Single(harness.OpenTasks("email"));
        Assert.Single(harness.OpenTasks("sms"));
        Assert.Empty(harness.OpenTasks("letter"));

        harness.CompleteTask("sms");
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        harness.CompleteTask("email");

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Single(harness.History, e => e.Type == ProcessEventType.ElementActivated && e.ElementId == "merge");
    }

    [Fact]
    public void InclusiveGateway_NoConditionTrue_TakesDefaultAndJoinPassesSingleToken()
    {
        var harness = ProcessHarness.For("inclusive.bpmn");
        harness.Start(new JsonObject { ["channels"] = new JsonArray() });

        harness.CompleteTask("letter");

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
    }

    [Fact]
    public void InclusiveJoin_OtherBranchEndsElsewhere_FiresOnceNothingCanArrive()
    {
        var harness = ProcessHarness.For("inclusive-escape.bpmn");
        harness.Start();

        harness.CompleteTask("email");
        Assert.Empty(harness.OpenTasks("after"));
        harness.CompleteTask("sms", new JsonObject { ["skip"] = true });

        Assert.Single(harness.OpenTasks("after"));
        Assert.Null(harness.State.ElementInstances.Single(e => e.FlowScopeKey is null).JoinArrivals.FirstOrDefault());
    }

    [Fact]
    public void InclusiveJoin_BothBranchesArrive_FiresOnce()
    {
        var harness = ProcessHarness.For("inclusive-escape.bpmn");
        harness.Start();

        harness.CompleteTask("sms", new JsonObject { ["skip"] = false });
        Assert.Empty(harness.OpenTasks("after"));
        harness.CompleteTask("email");

        Assert.Single(harness.OpenTasks("after"));
        Assert.Single(harness.History, e => e.Type == ProcessEventType.ElementActivated && e.ElementId == "merge");
    }

    [Fact]
    public void EndlessScriptLoop_HitsActivationLimit_RaisesIncidentInsteadOfHanging()
    {
        var harness = ProcessHarness.For("endless-loop.bpmn");

        harness.Start(new JsonObject { ["counter"] = 0 });

        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.ExecutionLimitExceeded, incident.ErrorType);
        Assert.Equal(ProcessInstanceStatus.Active, harness.State.Status);
        Assert.True(harness.Variables["counter"]!.GetValue<decimal>() > 1000);
    }
}
