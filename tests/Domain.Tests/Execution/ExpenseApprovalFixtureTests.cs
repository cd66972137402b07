using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Domain.Tests.Bpmn;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.Execution;

/// <summary>The parser's full approval fixture, run end to end: every supported feature in one process.</summary>
public sealed class ExpenseApprovalFixtureTests
{
    private static ProcessHarness Started()
    {
        var harness = new ProcessHarness(BpmnFixtures.ParseSingle("approval-process.bpmn")) { RoundTripEveryStep = true };
        harness.Start(new JsonObject
        {
            ["manager"] = "mia",
            ["expense"] = new JsonObject { ["amount"] = 1500 },
            ["approvers"] = new JsonArray("ann", "ben", "cid"),
            ["expenseId"] = "e-1",
            ["region"] = "eu",
        });
        return harness;
    }

    [Fact]
    public void ReviewTask_CreatedFromTheModel_WithInputsScheduleAndTimers()
    {
        var harness = Started();

        var review = harness.OpenTask("Task_review");

        Assert.Equal("mia", review.Assignee);
        Assert.Equal(80, review.Priority);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 16, 0, 0, TimeSpan.Zero), review.DueDate);
        Assert.Equal(ProcessHarness.Epoch.AddDays(2), review.FollowUpDate);
        Assert.Equal(1500, harness.State.Variables[review.ElementInstanceKey]["amount"]!.GetValue<decimal>());
        Assert.Equal(4, harness.Timers.Count);
    }

    [Fact]
    public void DailyReminder_CreatesSendJob_WhileReviewStaysOpen_ThenWeekTimeoutTerminates()
    {
        var harness = Started();

        harness.Advance(TimeSpan.FromDays(1));
        var reminder = harness.ActiveJob("Task_remind");
        Assert.Equal("send-reminder", reminder.Type);
        Assert.Single(harness.OpenTasks("Task_review"));

        harness.Advance(TimeSpan.FromDays(6));

        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Equal(JobState.Canceled, harness.Instance!.Jobs[reminder.JobKey].State);
        Assert.Empty(harness.Timers);
        Assert.Empty(harness.ActivatableJobs);
        Assert.Contains(harness.History, e => e.Type == ProcessEventType.ElementCompleted && e.ElementId == "End_escalated");
    }

    [Fact]
    public void FullApprovalPath_IncidentOnLocalVariable_FixedAndResolved_ThenMultiInstanceJobAndScript()
    {
        var harness = Started();
        var review = harness.OpenTask("Task_review");
        harness.Send(
            new UserTaskCommandEnvelope(review.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true, ["reviewComment"] = "ok" })),
            Caller.User("mia"));
        Assert.True(harness.Variables["reviewApproved"]!.GetValue<bool>());
        Assert.False(harness.Variables.ContainsKey("approved"));

        // "amount" was an input of the review task, so it is gone: the condition yields null, which is an incident.
        var incident = Assert.Single(harness.State.Incidents);
        Assert.Equal("Gateway_decision", incident.ElementId);
        harness.Send(new SetVariables(new JsonObject { ["amount"] = 1500 }));
        harness.Send(new ResolveIncident(incident.Key));

        var approvals = harness.OpenTasks("Task_second_approval").ToList();
        Assert.Equal(["ann", "ben", "cid"], approvals.Select(t => t.Assignee!).ToArray());
        Assert.Equal("/forms/second/e-1", approvals[0].ExternalFormReference);
        foreach (var task in approvals.Take(2))
        {
            harness.Send(new UserTaskCommandEnvelope(task.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true })), Caller.User(task.Assignee!));
        }

        Assert.Equal(UserTaskState.Canceled, harness.Instance!.UserTasks[approvals[2].UserTaskKey].State);
        Assert.Equal("[true,true,null]", harness.Variables["decisions"]!.ToJsonString());
        var payout = harness.ActiveJob("Task_payout");
        Assert.Equal("sepa", payout.CustomHeaders["bank"]);
        Assert.Equal(5, payout.Retries);

        harness.Send(new CompleteJob(payout.JobKey));

        Assert.Equal("Paid 1500", harness.Variables["summary"]!.GetValue<string>());
        Assert.Equal(ProcessInstanceStatus.Completed, harness.State.Status);
        Assert.Empty(harness.Timers);
    }

    [Fact]
    public void PayoutError_CaughtByBoundary_RoutesToFixTask()
    {
        var harness = Started();
        harness.Send(new SetVariables(new JsonObject { ["amount"] = 10 }));
        var review = harness.OpenTask("Task_review");
        harness.Send(
            new UserTaskCommandEnvelope(review.UserTaskKey, new UserTaskCommand.Complete(new JsonObject { ["approved"] = true, ["reviewComment"] = "ok" })),
            Caller.User("mia"));

        harness.Send(new ThrowJobError(harness.ActiveJob("Task_payout").JobKey, "PAYMENT_FAILED", "iban invalid"));

        var fix = harness.OpenTask("Task_fix_payment");
        Assert.Equal(["accounting"], fix.CandidateGroups.ToArray());
        Assert.Equal("camunda-forms:bpmn:UserTaskForm_receipt", fix.FormKey);
    }
}
