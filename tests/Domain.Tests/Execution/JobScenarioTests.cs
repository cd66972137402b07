using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class JobScenarioTests
{
    private static ProcessHarness Started()
    {
        var harness = ProcessHarness.For("jobs-and-errors.bpmn");
        harness.Start(new JsonObject { ["order"] = new JsonObject { ["total"] = 42 } });
        return harness;
    }

    [Fact]
    public void Activation_CreatesJobWithInputsHeadersAndRetries()
    {
        var harness = Started();

        var job = harness.ActiveJob("charge");

        Assert.Equal("charge", job.Type);
        Assert.Equal(2, job.Retries);
        Assert.Equal("acme", job.CustomHeaders["provider"]);
        Assert.Equal(42, job.Variables["amount"]!.GetValue<decimal>());
        Assert.Contains(job.JobKey, harness.ActivatableJobs.Keys);
    }

    [Fact]
    public void CompleteJob_OutputMappingChoosesWhatPropagates()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");

        harness.Send(new CompleteJob(job.JobKey, new JsonObject { ["receipt"] = new JsonObject { ["id"] = "r-1" }, ["noise"] = 1 }));

        Assert.Equal("r-1", harness.Variables["receiptId"]!.GetValue<string>());
        Assert.False(harness.Variables.ContainsKey("noise"));
        Assert.False(harness.Variables.ContainsKey("amount"));
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Empty(harness.ActivatableJobs);
    }

    [Fact]
    public void FailJob_WithRetries_JobActivatableAgainAfterBackoff()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");

        harness.Send(new FailJob(job.JobKey, 1, "timeout", TimeSpan.FromMinutes(5)));

        var retried = harness.ActiveJob("charge");
        Assert.Equal(1, retried.Retries);
        Assert.Equal(ProcessHarness.Epoch.AddMinutes(5), retried.ActivatableAt);
        Assert.Empty(harness.State.Incidents);
    }

    [Fact]
    public void FailJob_NoRetriesLeft_IncidentThenResolveAfterRetriesRaised()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");
        harness.Send(new FailJob(job.JobKey, 0, "down"));
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal(IncidentErrorType.JobNoRetries, incident.ErrorType);
        Assert.Equal(DomainErrorKind.InvalidState, harness.TrySend(new ResolveIncident(incident.Key)).Error!.Kind);

        harness.Send(new UpdateJobRetries(job.JobKey, 3));
        harness.Send(new ResolveIncident(incident.Key));

        Assert.Empty(harness.State.Incidents);
        Assert.Equal(3, harness.ActiveJob("charge").Retries);
    }

    [Fact]
    public void ThrowJobError_MatchingBoundary_TakesErrorPath()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");

        harness.Send(new ThrowJobError(job.JobKey, "DECLINED", "card declined", new JsonObject { ["reason"] = "limit" }));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal("limit", harness.Variables["reason"]!.GetValue<string>());
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_declined");
    }

    [Fact]
    public void ThrowJobError_UncaughtCode_IncidentAndResolveReactivatesJob()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");

        harness.Send(new ThrowJobError(job.JobKey, "UNKNOWN"));
        var incident = Assert.Single(harness.State.Incidents);
        harness.Send(new ResolveIncident(incident.Key));

        Assert.Equal(JobState.Activatable, harness.Instance!.Jobs[job.JobKey].State);
    }

    [Fact]
    public void ErrorEndInSubProcess_CaughtByCatchAllBoundaryOfSubProcess()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");

        harness.Send(new CompleteJob(job.JobKey, new JsonObject { ["receipt"] = new JsonObject() }));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ErrorCaught && e.Data!["errorCode"]!.GetValue<string>() == "INVALID");
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "end_invalid");
    }

    [Fact]
    public void CompleteJob_Twice_SecondIsInvalidState()
    {
        var harness = Started();
        var job = harness.ActiveJob("charge");
        harness.Send(new FailJob(job.JobKey, 0));

        var result = harness.TrySend(new CompleteJob(job.JobKey));

        Assert.Equal(DomainErrorKind.InvalidState, result.Error!.Kind);
    }
}
