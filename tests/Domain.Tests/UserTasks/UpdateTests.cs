using System.Text.Json.Nodes;
using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class UpdateTests
{
    private static UserTaskCommandResult Update(UserTask task, UserTaskChangeset changes, Caller? caller = null) =>
        Tasks.Apply(task, new Update(changes), caller ?? Caller.Anonymous);

    [Fact]
    public void Update_NewDueDate_NewTokenOverdueResetAndRescheduleOutcome()
    {
        var overdue = Tasks.Open() with { IsOverdue = true };
        var later = Tasks.Due.AddDays(3);

        var result = Update(overdue, new UserTaskChangeset { DueDate = FieldUpdate<DateTimeOffset>.Set(later) });

        var task = Tasks.Succeeds(result);
        Assert.Equal(later, task.DueDate);
        Assert.False(task.IsOverdue);
        Assert.Equal("token-1", task.DueDateTimerToken);
        Assert.Equal(new UserTaskOutcome.DueDateChanged(later, "token-1"), Assert.Single(result.Outcomes));
        var change = Assert.Single(Assert.Single(result.Events).Changes);
        Assert.Equal(new UserTaskAttributeChange("dueDate", "2026-03-03T09:00:00.0000000+00:00", "2026-03-06T09:00:00.0000000+00:00"), change);
    }

    [Fact]
    public void Update_ClearFollowUpDate_TokenDroppedAndOutcomeWithoutDate()
    {
        var result = Update(Tasks.Open(), new UserTaskChangeset { FollowUpDate = FieldUpdate<DateTimeOffset>.Clear });

        var task = Tasks.Succeeds(result);
        Assert.Null(task.FollowUpDate);
        Assert.Null(task.FollowUpTimerToken);
        Assert.Equal(new UserTaskOutcome.FollowUpDateChanged(null, null), Assert.Single(result.Outcomes));
    }

    [Fact]
    public void Update_OldDueTimerAfterReschedule_IsStaleNoOp()
    {
        var rescheduled = Tasks.Succeeds(Update(Tasks.Open(), new UserTaskChangeset { DueDate = FieldUpdate<DateTimeOffset>.Set(Tasks.Due.AddDays(1)) }));

        var stale = Tasks.Apply(rescheduled, new MarkOverdue(Tasks.DueToken), Caller.System);

        Assert.Same(rescheduled, Tasks.Succeeds(stale));
    }

    [Fact]
    public void Update_SameValues_NoChangeNoEvent()
    {
        var task = Tasks.Open();

        var result = Update(task, new UserTaskChangeset
        {
            DueDate = FieldUpdate<DateTimeOffset>.Set(Tasks.Due),
            Priority = FieldUpdate<int>.Set(50),
            CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set(["sales"]),
        });

        Assert.Same(task, Tasks.Succeeds(result));
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Update_EmptyChangeset_AcceptedAsNoOp()
    {
        var task = Tasks.Open();

        Assert.Same(task, Tasks.Succeeds(Update(task, UserTaskChangeset.Empty)));
    }

    [Fact]
    public void Update_SeveralFields_OneEventListingEachChange()
    {
        var result = Update(Tasks.Open(), new UserTaskChangeset
        {
            Priority = FieldUpdate<int>.Set(80),
            CandidateUsers = FieldUpdate<IReadOnlyList<string>>.Set([]),
            CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set(["sales", "audit", "sales"]),
        });

        var task = Tasks.Succeeds(result);
        Assert.Equal((80, 0), (task.Priority, task.CandidateUsers.Count));
        Assert.Equal(["sales", "audit"], task.CandidateGroups);
        Assert.Equal(
            ["candidateUsers", "candidateGroups", "priority"],
            Assert.Single(result.Events).Changes.Select(c => c.Attribute));
        Assert.Empty(result.Outcomes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(150)]
    public void Update_PriorityOutOfRange_ValidationSaysRange(int priority)
    {
        var error = Tasks.Fails(Update(Tasks.Open(), new UserTaskChangeset { Priority = FieldUpdate<int>.Set(priority) }), DomainErrorKind.Validation);

        Assert.Equal($"The value for priority is '{priority}' but must be within the [0,100] range.", error.Message);
        Assert.Equal(["priority"], error.Fields);
    }

    [Fact]
    public void Update_EmptyNamesInLists_ValidationNamesBothFields()
    {
        var error = Tasks.Fails(Update(Tasks.Open(), new UserTaskChangeset
        {
            CandidateUsers = FieldUpdate<IReadOnlyList<string>>.Set(["alice", ""]),
            CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set([" "]),
        }), DomainErrorKind.Validation);

        Assert.Equal(["candidateUsers", "candidateGroups"], error.Fields);
    }

    [Fact]
    public void Update_ClearPriority_Validation()
    {
        Tasks.Fails(Update(Tasks.Open(), new UserTaskChangeset { Priority = FieldUpdate<int>.Clear }), DomainErrorKind.Validation);
    }

    [Fact]
    public void Update_CandidatesDroppingAssignee_ConflictNothingChanged()
    {
        var error = Tasks.Fails(Update(Tasks.Open("alice"), new UserTaskChangeset
        {
            CandidateUsers = FieldUpdate<IReadOnlyList<string>>.Set(["bob"]),
        }), DomainErrorKind.Conflict);

        Assert.Equal("USER_TASK_ASSIGNEE_WOULD_LOSE_ELIGIBILITY", error.Code);
    }

    [Fact]
    public void Update_AssigneeFromGroupAndGroupKept_Allowed()
    {
        var task = Tasks.Open("carol");

        var result = Update(task, new UserTaskChangeset { CandidateUsers = FieldUpdate<IReadOnlyList<string>>.Set([]) }, Tasks.Root);

        Assert.Empty(Tasks.Succeeds(result).CandidateUsers);
    }

    [Fact]
    public void Update_AssigneeChangesOwnGroups_CheckedAgainstCallerGroups()
    {
        var task = Tasks.Open("carol");

        Tasks.Succeeds(Update(task, new UserTaskChangeset { CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set(["sales", "hr"]) }, Tasks.Carol));
        Tasks.Fails(Update(task, new UserTaskChangeset { CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set(["hr"]) }, Tasks.Carol), DomainErrorKind.Conflict);
    }

    [Fact]
    public void Update_AllCandidatesCleared_AssigneeStaysAsTaskIsOpenToAnyone()
    {
        var result = Update(Tasks.Open("alice"), new UserTaskChangeset
        {
            CandidateUsers = FieldUpdate<IReadOnlyList<string>>.Clear,
            CandidateGroups = FieldUpdate<IReadOnlyList<string>>.Set([]),
        });

        Assert.Equal("alice", Tasks.Succeeds(result).Assignee);
    }

    [Fact]
    public void FromJson_CamundaChangeset_ReadsKeepClearAndSet()
    {
        var json = JsonNode.Parse("""
            {"dueDate": "2026-12-31T23:59:59.000Z", "followUpDate": "", "candidateUsers": null,
             "candidateGroups": [], "priority": 80, "action": "ignored"}
            """)!.AsObject();

        var parsed = UserTaskChangeset.FromJson(json);

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var changes = parsed.Changeset!;
        Assert.Equal(FieldUpdate<DateTimeOffset>.Set(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)), changes.DueDate);
        Assert.Equal(FieldUpdateKind.Clear, changes.FollowUpDate.Kind);
        Assert.True(changes.CandidateUsers.IsKeep);
        Assert.Empty(changes.CandidateGroups.Value!);
        Assert.Equal(80, changes.Priority.Value);
    }

    [Fact]
    public void FromJson_NullOrEmpty_EmptyChangeset()
    {
        Assert.True(UserTaskChangeset.FromJson(null).Changeset!.IsEmpty);
        Assert.True(UserTaskChangeset.FromJson([]).Changeset!.IsEmpty);
    }

    [Fact]
    public void FromJson_BadValues_ValidationNamingEveryField()
    {
        var json = JsonNode.Parse("""
            {"dueDate": "2026-12-31T23:59:59", "followUpDate": "next week", "candidateUsers": "alice",
             "candidateGroups": [1], "priority": 12.5}
            """)!.AsObject();

        var parsed = UserTaskChangeset.FromJson(json);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(DomainErrorKind.Validation, parsed.Error!.Kind);
        Assert.Equal(["dueDate", "followUpDate", "candidateUsers", "candidateGroups", "priority"], parsed.Error.Fields);
        Assert.Contains("The due date '2026-12-31T23:59:59' has no offset", parsed.Error.Message, StringComparison.Ordinal);
        Assert.Contains("RFC 3339", parsed.Error.Message, StringComparison.Ordinal);
    }
}
