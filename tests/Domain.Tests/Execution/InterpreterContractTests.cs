using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class InterpreterContractTests
{
    [Fact]
    public void StartInstance_Twice_IsInvalidState()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();

        Assert.Equal(DomainErrorKind.InvalidState, harness.TrySend(new StartInstance()).Error!.Kind);
    }

    [Fact]
    public void Command_WithoutInstance_IsNotFound()
    {
        var harness = ProcessHarness.For("approval.bpmn");

        Assert.Equal(DomainErrorKind.NotFound, harness.TrySend(new CancelInstance()).Error!.Kind);
    }

    [Fact]
    public void Command_WithOtherDefinition_IsRejected()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();

        var result = ProcessInterpreter.Execute(ProcessHarness.Load("parallel.bpmn"), harness.Instance, new CancelInstance(), harness.Context());

        Assert.Equal(DomainErrorKind.Validation, result.Error!.Kind);
    }

    [Fact]
    public void Command_WithDefinitionLackingTheTokensElements_IsRejected()
    {
        var harness = ProcessHarness.For("approval.bpmn");
        harness.Start();
        var other = ProcessHarness.Load("parallel.bpmn") with { BpmnProcessId = "approval" };

        var result = ProcessInterpreter.Execute(other, harness.Instance, new CancelInstance(), harness.Context());

        Assert.Equal("PROCESS_DEFINITION_MISMATCH", result.Error!.Code);
        Assert.Contains("'approve'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailJob_BackoffBeyondTheCalendar_IsValidationError()
    {
        var harness = ProcessHarness.For("jobs-and-errors.bpmn");
        harness.Start(new JsonObject { ["order"] = new JsonObject { ["total"] = 1 } });

        var result = harness.TrySend(new FailJob(harness.ActiveJob("charge").JobKey, 1, "x", TimeSpan.MaxValue));

        Assert.Equal(DomainErrorKind.Validation, result.Error!.Kind);
    }

    [Fact]
    public void Start_RecordsDefinitionAndStartVariables()
    {
        var harness = ProcessHarness.For("approval.bpmn");

        var result = harness.Start(new JsonObject { ["a"] = 1 });

        Assert.Equal(2251799813685001, harness.State.ProcessDefinitionKey);
        Assert.Equal(1, harness.State.ProcessDefinitionVersion);
        Assert.Equal("approval", harness.State.BpmnProcessId);
        Assert.Equal(ProcessHarness.Epoch, harness.State.StartedAt);
        Assert.Equal(ProcessEventType.ProcessInstanceStarted, result.Events[0].Type);
        Assert.Equal(Enumerable.Range(1, result.Events.Count).Select(i => (long)i), result.Events.Select(e => e.Sequence));
        Assert.Single(result.ChangedUserTaskKeys);
    }

    [Fact]
    public void ActivationLimit_IsConfigurable()
    {
        var harness = ProcessHarness.For("endless-loop.bpmn");
        var context = harness.Context() with { MaxElementActivations = 50 };

        var result = ProcessInterpreter.Execute(harness.Definition, null, new StartInstance(new JsonObject { ["counter"] = 0 }), context);

        var incident = Assert.Single(result.Instance!.State.Incidents);
        Assert.Equal(IncidentErrorType.ExecutionLimitExceeded, incident.ErrorType);
        Assert.Equal(50, result.Events.Count(e => e.Type == ProcessEventType.ElementActivated));
    }

    [Fact]
    public void ExecutionLimitIncident_Resolved_ContinuesWithAFreshBudget()
    {
        var harness = ProcessHarness.For("endless-loop.bpmn");
        harness.Start(new JsonObject { ["counter"] = 0 });
        var incident = Assert.Single(harness.State.Incidents);
        var before = harness.Variables["counter"]!.GetValue<decimal>();

        harness.Send(new ResolveIncident(incident.Key));

        Assert.True(harness.Variables["counter"]!.GetValue<decimal>() > before);
        Assert.Single(harness.State.Incidents);
    }

    [Fact]
    public void RejectedCommand_LeavesInstanceUntouched()
    {
        var harness = ProcessHarness.For("jobs-and-errors.bpmn");
        harness.Start(new JsonObject { ["order"] = new JsonObject { ["total"] = 1 } });
        var before = ProcessInstanceJson.Serialize(harness.State);

        var result = harness.TrySend(new FailJob(harness.ActiveJob("charge").JobKey, -1));

        Assert.False(result.IsSuccess);
        Assert.Null(result.Instance);
        Assert.Equal(before, ProcessInstanceJson.Serialize(harness.State));
    }
}
