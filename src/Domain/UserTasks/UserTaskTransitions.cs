namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The one table of the user-task lifecycle: which operation is valid in which state, and the state it leads to.
/// A pair that is not in the table is an invalid-state conflict. Rows with the same state on both sides are
/// commands that change attributes (assignee, dates, flags) but not the state, or harmless repeats.
/// </summary>
public static class UserTaskTransitions
{
    private const UserTaskState Created = UserTaskState.Created;
    private const UserTaskState Completed = UserTaskState.Completed;
    private const UserTaskState Canceled = UserTaskState.Canceled;
    private const UserTaskState Failed = UserTaskState.Failed;

    /// <summary>Every valid (state, operation) pair.</summary>
    public static IReadOnlyList<UserTaskTransition> All { get; } =
    [
        new(Created, UserTaskOperation.Assign, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Claim, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Unassign, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Unclaim, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Update, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.MarkOverdue, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.MarkFollowUpDue, Created, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Complete, Completed, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Fail, Failed, UserTaskTransitionKind.Apply),
        new(Created, UserTaskOperation.Cancel, Canceled, UserTaskTransitionKind.Apply),

        new(Failed, UserTaskOperation.Fail, Failed, UserTaskTransitionKind.IdempotentRepeat),
        new(Canceled, UserTaskOperation.Cancel, Canceled, UserTaskTransitionKind.IdempotentRepeat),

        new(Completed, UserTaskOperation.MarkOverdue, Completed, UserTaskTransitionKind.Ignored),
        new(Completed, UserTaskOperation.MarkFollowUpDue, Completed, UserTaskTransitionKind.Ignored),
        new(Canceled, UserTaskOperation.MarkOverdue, Canceled, UserTaskTransitionKind.Ignored),
        new(Canceled, UserTaskOperation.MarkFollowUpDue, Canceled, UserTaskTransitionKind.Ignored),
        new(Failed, UserTaskOperation.MarkOverdue, Failed, UserTaskTransitionKind.Ignored),
        new(Failed, UserTaskOperation.MarkFollowUpDue, Failed, UserTaskTransitionKind.Ignored),
    ];

    private static readonly Dictionary<(UserTaskState, UserTaskOperation), UserTaskTransition> ByKey =
        All.ToDictionary(t => (t.From, t.Operation));

    /// <summary>The row for <paramref name="operation"/> in state <paramref name="from"/>, or null when the pair is invalid.</summary>
    public static UserTaskTransition? Find(UserTaskState from, UserTaskOperation operation) =>
        ByKey.GetValueOrDefault((from, operation));

    /// <summary>True when <paramref name="operation"/> may move a task from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsValidTransition(UserTaskOperation operation, UserTaskState from, UserTaskState to) =>
        Find(from, operation) is { } transition && transition.To == to;

    /// <summary>True for the states a task never leaves.</summary>
    public static bool IsTerminal(UserTaskState state) => state != Created;
}
