using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class FailCancelTests
{
    [Fact]
    public void Fail_OpenTask_FailedWithErrorDataOutcomeAndEvent()
    {
        var result = Tasks.Apply(Tasks.Open(), new Fail("DUPLICATE", "the invoice was paid already"), Caller.System);

        var task = Tasks.Succeeds(result);
        Assert.Equal(UserTaskState.Failed, task.State);
        Assert.Equal("DUPLICATE", task.ErrorCode);
        Assert.Equal("the invoice was paid already", task.ErrorMessage);
        Assert.Equal(Tasks.Now, task.CompletionDate);
        Assert.Equal(new UserTaskOutcome.Failed("DUPLICATE", "the invoice was paid already"), Assert.Single(result.Outcomes));
        var failed = Assert.Single(result.Events);
        Assert.Equal((UserTaskEventKind.Failed, "system", "DUPLICATE"), (failed.Kind, failed.Actor, failed.ErrorCode));
    }

    [Fact]
    public void Fail_BlankErrorCode_StoredAsNoCode()
    {
        var result = Tasks.Apply(Tasks.Open(), new Fail(" ", "broken"), Caller.System);

        Assert.Null(Tasks.Succeeds(result).ErrorCode);
        Assert.Equal(new UserTaskOutcome.Failed(null, "broken"), Assert.Single(result.Outcomes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Fail_EmptyMessage_Validation(string message)
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Fail("E", message), Caller.System), DomainErrorKind.Validation);

        Assert.Equal(["errorMessage"], error.Fields);
    }

    [Fact]
    public void Fail_Repeated_IdempotentFirstFailureKept()
    {
        var failed = Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new Fail("E1", "first"), Caller.System));

        var again = Tasks.Apply(failed, new Fail("E2", "second"), Caller.System);

        Assert.Same(failed, Tasks.Succeeds(again));
        Assert.Empty(again.Events);
        Assert.Empty(again.Outcomes);
    }

    [Fact]
    public void Cancel_OpenTask_CanceledWithReasonAndOutcome()
    {
        var result = Tasks.Apply(Tasks.Open("alice"), new Cancel("order withdrawn"), Caller.System);

        var task = Tasks.Succeeds(result);
        Assert.Equal((UserTaskState.Canceled, "order withdrawn"), (task.State, task.CancelReason));
        Assert.Equal(new UserTaskOutcome.Canceled("order withdrawn"), Assert.Single(result.Outcomes));
        Assert.Equal("order withdrawn", Assert.Single(result.Events).Reason);
    }

    [Fact]
    public void Cancel_Repeated_Idempotent()
    {
        var canceled = Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new Cancel(), Caller.System));

        Assert.Same(canceled, Tasks.Succeeds(Tasks.Apply(canceled, new Cancel("again"), Caller.System)));
    }

    [Fact]
    public void Cancel_FailedTask_InvalidState()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Ended(UserTaskState.Failed), new Cancel(), Caller.System), DomainErrorKind.InvalidState);

        Assert.Equal("User task 2251799813685249 is FAILED; it can no longer be canceled.", error.Message);
    }
}
