using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class AssignmentTests
{
    [Fact]
    public void Claim_UnassignedByCandidate_AssignsCallerAndRecordsEvent()
    {
        var result = Tasks.Apply(Tasks.Open(), new Claim(), Tasks.Alice);

        var task = Tasks.Succeeds(result);
        Assert.Equal("alice", task.Assignee);
        Assert.Equal(2, task.Version);
        var assigned = Assert.Single(result.Events);
        Assert.Equal(UserTaskEventKind.Assigned, assigned.Kind);
        Assert.Equal("claim", assigned.Action);
        Assert.Equal("alice", assigned.Assignee);
        Assert.Null(assigned.PreviousAssignee);
        Assert.Equal("alice", assigned.Actor);
        Assert.Equal(Tasks.Now, assigned.Timestamp);
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public void Claim_ByGroupMember_Succeeds()
    {
        Assert.Equal("carol", Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new Claim(), Tasks.Carol)).Assignee);
    }

    [Fact]
    public void Claim_GroupNameInOtherCase_NotEligible()
    {
        Tasks.Fails(Tasks.Apply(Tasks.Open(), new Claim(), Caller.User("zoe", "Sales")), DomainErrorKind.NotEligible);
    }

    [Fact]
    public void Claim_SecondClaimer_ConflictNamesHolder()
    {
        var claimed = Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new Claim(), Tasks.Alice));

        var error = Tasks.Fails(Tasks.Apply(claimed, new Claim(), Tasks.Carol), DomainErrorKind.Conflict);

        Assert.Equal("USER_TASK_ALREADY_ASSIGNED", error.Code);
        Assert.Contains("already assigned to 'alice'", error.Message, StringComparison.Ordinal);
        Assert.Equal(claimed.UserTaskKey, error.EntityKey);
    }

    [Fact]
    public void Claim_Anonymous_ValidationNeedsAuthenticatedUser()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Claim(), Caller.Anonymous), DomainErrorKind.Validation);

        Assert.Contains("claim needs an authenticated user", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Claim_Ineligible_NotEligibleNamesUserAndCandidates()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Claim(), Tasks.Mallory), DomainErrorKind.NotEligible);

        Assert.Equal(
            "User 'mallory' is not eligible for user task 2251799813685249; it may be worked on by candidate users [alice, bob, dave], members of candidate groups [sales].",
            error.Message);
        Assert.Equal(["mallory"], error.Fields);
    }

    [Fact]
    public void Claim_TaskWithoutCandidates_AnyoneMay()
    {
        var open = Tasks.Open() with { CandidateUsers = [], CandidateGroups = [] };

        Assert.Equal("mallory", Tasks.Succeeds(Tasks.Apply(open, new Claim(), Tasks.Mallory)).Assignee);
    }

    [Fact]
    public void Assign_InitialAssigneeAfterReassignment_StillEligible()
    {
        var task = Tasks.Open("bob") with { InitialAssignee = "zoe", CandidateUsers = ["bob"], CandidateGroups = [] };

        var result = Tasks.Apply(task, new Assign("zoe", AssigneeGroups: []), Tasks.Root);

        Assert.Equal("zoe", Tasks.Succeeds(result).Assignee);
        Assert.Equal("bob", Assert.Single(result.Events).PreviousAssignee);
    }

    [Fact]
    public void Assign_SameAssignee_NoChangeNoEvent()
    {
        var task = Tasks.Open("alice");

        var result = Tasks.Apply(task, new Assign("alice", AllowOverride: false), Tasks.Root);

        Assert.Same(task, Tasks.Succeeds(result));
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Assign_HolderHandsOverToCandidate_Reassigns()
    {
        var result = Tasks.Apply(Tasks.Open("alice"), new Assign("bob"), Tasks.Alice);

        Assert.Equal("bob", Tasks.Succeeds(result).Assignee);
        Assert.Equal("alice", Assert.Single(result.Events).PreviousAssignee);
    }

    [Fact]
    public void Assign_HolderHandsOverToGroupMemberWithUnknownGroups_NotEligible()
    {
        Tasks.Fails(Tasks.Apply(Tasks.Open("alice"), new Assign("carol"), Tasks.Alice), DomainErrorKind.NotEligible);
    }

    [Fact]
    public void Assign_HolderHandsOverToGroupMemberWithKnownGroups_Reassigns()
    {
        var result = Tasks.Apply(Tasks.Open("alice"), new Assign("carol", AssigneeGroups: ["sales"]), Tasks.Alice);

        Assert.Equal("carol", Tasks.Succeeds(result).Assignee);
    }

    [Fact]
    public void Assign_AdminWithUnknownGroupsOnGroupTask_AdminVouchesForMembership()
    {
        Assert.Equal("carol", Tasks.Succeeds(Tasks.Apply(Tasks.Open(), new Assign("carol"), Tasks.Root)).Assignee);
    }

    [Fact]
    public void Assign_AdminToUserOutsideCandidatesOfUserOnlyTask_NotEligible()
    {
        var task = Tasks.Open() with { CandidateGroups = [] };

        Tasks.Fails(Tasks.Apply(task, new Assign("mallory"), Tasks.Root), DomainErrorKind.NotEligible);
    }

    [Fact]
    public void Assign_UserAssigningSomeoneElse_ForbiddenSaysSelfAssignmentAllowed()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Assign("bob"), Tasks.Carol), DomainErrorKind.Forbidden);

        Assert.Contains("you may assign it to yourself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_EligibleUserToThemselves_ActsAsClaim()
    {
        var result = Tasks.Apply(Tasks.Open(), new Assign("carol"), Tasks.Carol);

        Assert.Equal("carol", Tasks.Succeeds(result).Assignee);
        Assert.Equal("assign", Assert.Single(result.Events).Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Assign_BlankAssignee_Validation(string assignee)
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Assign(assignee), Tasks.Root), DomainErrorKind.Validation);

        Assert.Equal(["assignee"], error.Fields);
        Assert.StartsWith("No assignee provided", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_CompletedTask_InvalidStateNamesKeyStateAndCommand()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Ended(UserTaskState.Completed), new Assign("bob"), Tasks.Root), DomainErrorKind.InvalidState);

        Assert.Equal("User task 2251799813685249 is COMPLETED; it can no longer be assigned.", error.Message);
    }

    [Fact]
    public void Unassign_ByAssignee_RemovesAssigneeAndRecordsPrevious()
    {
        var result = Tasks.Apply(Tasks.Open("alice"), new Unassign(), Tasks.Alice);

        Assert.Null(Tasks.Succeeds(result).Assignee);
        var unassigned = Assert.Single(result.Events);
        Assert.Equal(UserTaskEventKind.Unassigned, unassigned.Kind);
        Assert.Equal("alice", unassigned.PreviousAssignee);
    }

    [Fact]
    public void Unclaim_ByOtherUser_ForbiddenNamesAssignee()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open("alice"), new Unclaim(), Tasks.Bob), DomainErrorKind.Forbidden);

        Assert.Contains("assigned to 'alice'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unassign_Twice_SecondIsNoOp()
    {
        var once = Tasks.Succeeds(Tasks.Apply(Tasks.Open("alice"), new Unassign(), Caller.Anonymous));

        var twice = Tasks.Apply(once, new Unassign(), Caller.Anonymous);

        Assert.Same(once, Tasks.Succeeds(twice));
    }

    [Fact]
    public void Eligibility_NoCandidatesConfigured_AnyoneEligible()
    {
        var task = Tasks.Open() with { CandidateUsers = [], CandidateGroups = [] };

        Assert.True(UserTaskEligibility.IsOpenToAnyone(task));
        Assert.True(UserTaskEligibility.IsEligible(task, Tasks.Mallory));
        Assert.False(UserTaskEligibility.IsEligible(task, Caller.Anonymous));
    }
}
