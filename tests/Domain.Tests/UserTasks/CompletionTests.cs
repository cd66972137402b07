using System.Text.Json.Nodes;
using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class CompletionTests
{
    private static readonly UserTask Held = Tasks.Open("alice") with { ExpectedOutputs = ["approved", "reviewComment"] };

    [Fact]
    public void Complete_AllRequiredProvided_CompletesWithVariablesOutcomeAndEvent()
    {
        var variables = new JsonObject { ["approved"] = true, ["reviewComment"] = "fine" };

        var result = Tasks.Apply(Held, new Complete(variables), Tasks.Alice);

        var task = Tasks.Succeeds(result);
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(Tasks.Now, task.CompletionDate);
        var outcome = Assert.IsType<UserTaskOutcome.Completed>(Assert.Single(result.Outcomes));
        Assert.Equal(variables.ToJsonString(), outcome.Variables.ToJsonString());
        Assert.NotSame(variables, outcome.Variables);
        var completed = Assert.Single(result.Events);
        Assert.Equal(UserTaskEventKind.Completed, completed.Kind);
        Assert.Equal(variables.ToJsonString(), completed.Variables!.ToJsonString());
    }

    [Fact]
    public void Complete_MissingAndNullRequired_ValidationListsAllAndChangesNothing()
    {
        var variables = new JsonObject { ["approved"] = null, ["other"] = 1 };

        var error = Tasks.Fails(Tasks.Apply(Held, new Complete(variables, ["signature"]), Tasks.Alice), DomainErrorKind.Validation);

        Assert.Equal(["approved", "reviewComment", "signature"], error.Fields);
        Assert.Contains("approved, reviewComment, signature", error.Message, StringComparison.Ordinal);
        Assert.Equal(UserTaskState.Created, Held.State);
    }

    [Fact]
    public void Complete_FormFieldInGroupPath_FoundInNestedObject()
    {
        var task = Tasks.Open("alice");
        var variables = new JsonObject { ["address"] = new JsonObject { ["city"] = "Berlin" } };

        Tasks.Succeeds(Tasks.Apply(task, new Complete(variables, ["address.city"]), Tasks.Alice));
        Tasks.Fails(Tasks.Apply(task, new Complete(variables, ["address.street"]), Tasks.Alice), DomainErrorKind.Validation);
    }

    [Fact]
    public void Complete_UnassignedByUser_ConflictClaimFirst()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open(), new Complete(), Tasks.Alice), DomainErrorKind.Conflict);

        Assert.Equal("User task 2251799813685249 is not assigned; claim it first, then complete it.", error.Message);
    }

    [Fact]
    public void Complete_AssignedToOther_ConflictNamesBoth()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open("bob"), new Complete(), Tasks.Alice), DomainErrorKind.Conflict);

        Assert.Contains("assigned to 'bob', not 'alice'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_AnonymousOnUnassignedTask_CompletesAsCamundaAllows()
    {
        var result = Tasks.Apply(Tasks.Open(), new Complete(), Caller.Anonymous);

        Assert.Equal(UserTaskState.Completed, Tasks.Succeeds(result).State);
        Assert.Equal("anonymous", Assert.Single(result.Events).Actor);
        Assert.Empty(Assert.IsType<UserTaskOutcome.Completed>(Assert.Single(result.Outcomes)).Variables);
    }

    [Fact]
    public void Complete_BlankVariableName_Validation()
    {
        var error = Tasks.Fails(Tasks.Apply(Tasks.Open("alice"), new Complete(new JsonObject { [""] = 1 }), Tasks.Alice), DomainErrorKind.Validation);

        Assert.Equal(["variables"], error.Fields);
    }

    [Fact]
    public void Complete_Twice_SecondIsInvalidState()
    {
        var completed = Tasks.Succeeds(Tasks.Apply(Tasks.Open("alice"), new Complete(), Tasks.Alice));

        var error = Tasks.Fails(Tasks.Apply(completed, new Complete(), Tasks.Alice), DomainErrorKind.InvalidState);

        Assert.Equal("User task 2251799813685249 is COMPLETED; it can no longer be completed.", error.Message);
    }

    [Fact]
    public void RequiredVariables_PresentFalseOrEmpty_CountAsPresent()
    {
        var variables = new JsonObject { ["a"] = false, ["b"] = "", ["c"] = 0, ["d"] = new JsonArray() };

        Assert.All(["a", "b", "c", "d"], name => Assert.True(RequiredVariables.IsPresent(variables, name)));
        Assert.False(RequiredVariables.IsPresent(variables, "a.b"));
    }
}
