using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.UserTasks;

/// <summary>Tasks, callers and a token source shared by the user-task tests.</summary>
internal static class Tasks
{
    public static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Created.AddHours(2);
    public static readonly DateTimeOffset Due = Created.AddDays(2);
    public static readonly DateTimeOffset FollowUp = Created.AddDays(1);

    public const string DueToken = "due-1";
    public const string FollowUpToken = "follow-up-1";

    public static readonly Caller Alice = Caller.User("alice");
    public static readonly Caller Bob = Caller.User("bob");
    public static readonly Caller Carol = Caller.User("carol", "sales");
    public static readonly Caller Mallory = Caller.User("mallory", "other");
    public static readonly Caller Root = Caller.Admin("root");

    /// <summary>An open task for candidate users alice, bob and dave and the candidate group sales, with both timers scheduled.</summary>
    public static UserTask Open(string? assignee = null) => new()
    {
        UserTaskKey = 2251799813685249,
        ProcessInstanceKey = 2251799813685240,
        ElementInstanceKey = 2251799813685248,
        ProcessDefinitionKey = 2251799813685230,
        BpmnProcessId = "invoice",
        ProcessDefinitionVersion = 3,
        ElementId = "approve",
        Name = "Approve invoice",
        Assignee = assignee,
        CandidateUsers = ["alice", "bob", "dave"],
        CandidateGroups = ["sales"],
        DueDate = Due,
        FollowUpDate = FollowUp,
        DueDateTimerToken = DueToken,
        FollowUpTimerToken = FollowUpToken,
        CreationDate = Created,
        Version = 1,
    };

    public static UserTask Ended(UserTaskState state) => Open("alice") with
    {
        State = state,
        CompletionDate = Created.AddHours(1),
        ErrorMessage = state == UserTaskState.Failed ? "broken" : null,
        Version = 3,
    };

    public static Func<string> Tokens(string prefix = "token")
    {
        var next = 0;
        return () => $"{prefix}-{++next}";
    }

    public static UserTaskCommandResult Apply(UserTask task, UserTaskCommand command, Caller caller) =>
        UserTaskLifecycle.Apply(task, command, caller, Now, Tokens());

    public static UserTask Succeeds(UserTaskCommandResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Task;
    }

    public static DomainError Fails(UserTaskCommandResult result, DomainErrorKind kind)
    {
        Assert.False(result.IsSuccess, "expected the command to be rejected");
        Assert.Equal(kind, result.Error.Kind);
        Assert.Null(result.Task);
        Assert.Empty(result.Events);
        return result.Error;
    }
}
