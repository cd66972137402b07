using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class TransitionTableTests
{
    [Theory]
    [InlineData(UserTaskOperation.Complete, UserTaskState.Created, UserTaskState.Completed, true)]
    [InlineData(UserTaskOperation.Fail, UserTaskState.Created, UserTaskState.Failed, true)]
    [InlineData(UserTaskOperation.Cancel, UserTaskState.Created, UserTaskState.Canceled, true)]
    [InlineData(UserTaskOperation.Assign, UserTaskState.Created, UserTaskState.Created, true)]
    [InlineData(UserTaskOperation.Complete, UserTaskState.Created, UserTaskState.Failed, false)]
    [InlineData(UserTaskOperation.Complete, UserTaskState.Completed, UserTaskState.Completed, false)]
    [InlineData(UserTaskOperation.Cancel, UserTaskState.Completed, UserTaskState.Canceled, false)]
    [InlineData(UserTaskOperation.Fail, UserTaskState.Failed, UserTaskState.Failed, true)]
    [InlineData(UserTaskOperation.Assign, UserTaskState.Failed, UserTaskState.Failed, false)]
    public void IsValidTransition_Pair_FollowsTable(UserTaskOperation operation, UserTaskState from, UserTaskState to, bool valid)
    {
        Assert.Equal(valid, UserTaskTransitions.IsValidTransition(operation, from, to));
    }

    [Fact]
    public void Table_EndedStates_OnlyRepeatsAndTimersAreValid()
    {
        var fromEnded = UserTaskTransitions.All.Where(t => UserTaskTransitions.IsTerminal(t.From)).ToList();

        Assert.All(fromEnded, t => Assert.Equal(t.From, t.To));
        Assert.All(fromEnded, t => Assert.NotEqual(UserTaskTransitionKind.Apply, t.Kind));
        Assert.Equal(6, fromEnded.Count(t => t.Kind == UserTaskTransitionKind.Ignored));
    }

    [Fact]
    public void Table_EveryOperation_ValidOnOpenTask()
    {
        Assert.All(Enum.GetValues<UserTaskOperation>(), op => Assert.NotNull(UserTaskTransitions.Find(UserTaskState.Created, op)));
    }

    [Fact]
    public void Table_Rows_UniquePerStateAndOperation()
    {
        Assert.Equal(UserTaskTransitions.All.Count, UserTaskTransitions.All.Select(t => (t.From, t.Operation)).Distinct().Count());
    }
}
