using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class TimerTests
{
    [Fact]
    public void MarkOverdue_CurrentToken_OverdueEscalatedEventAndOutcome()
    {
        var result = Tasks.Apply(Tasks.Open("alice"), new MarkOverdue(Tasks.DueToken), Caller.System);

        Assert.True(Tasks.Succeeds(result).IsOverdue);
        var escalated = Assert.Single(result.Events);
        Assert.Equal((UserTaskEventKind.Escalated, "system", Tasks.Due), (escalated.Kind, escalated.Actor, escalated.Date!.Value));
        Assert.Equal(new UserTaskOutcome.Escalated(Tasks.Due), Assert.Single(result.Outcomes));
    }

    [Fact]
    public void MarkOverdue_FiredTwice_SecondIsNoOp()
    {
        var overdue = Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new MarkOverdue(Tasks.DueToken), Caller.System));

        Assert.Same(overdue, Tasks.Succeeds(Tasks.Apply(overdue, new MarkOverdue(Tasks.DueToken), Caller.System)));
    }

    [Fact]
    public void MarkOverdue_TaskWithoutDueDate_NoOp()
    {
        var task = Tasks.Open() with { DueDate = null, DueDateTimerToken = null };

        Assert.Same(task, Tasks.Succeeds(Tasks.Apply(task, new MarkOverdue(""), Caller.System)));
    }

    [Fact]
    public void MarkFollowUpDue_CurrentToken_FlagEventAndOutcome()
    {
        var result = Tasks.Apply(Tasks.Open(), new MarkFollowUpDue(Tasks.FollowUpToken), Caller.System);

        Assert.True(Tasks.Succeeds(result).IsFollowUpDue);
        Assert.Equal(UserTaskEventKind.FollowUpDue, Assert.Single(result.Events).Kind);
        Assert.Equal(new UserTaskOutcome.FollowUpDue(Tasks.FollowUp), Assert.Single(result.Outcomes));
    }

    [Fact]
    public void MarkOverdue_ByUser_Forbidden()
    {
        Tasks.Fails(Tasks.Apply(Tasks.Open(), new MarkOverdue(Tasks.DueToken), Tasks.Root), DomainErrorKind.Forbidden);
    }
}
