using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;
using TaskFunctions.Domain.UserTasks;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class ActivationTests
{
    private const string Variables = """
        {"owner": "alice", "team": ["sales", "audit"], "single": "bob", "amount": 75, "due": "2026-03-10T17:00:00+01:00",
         "localDue": "2026-03-10T17:00:00", "reviewers": ["bob", 7], "blank": "", "link": "https://forms.example/x"}
        """;

    private static ExpressionOrValue<T> Feel<T>(string text) =>
        ExpressionOrValue<T>.Feel(new BpmnExpression(FeelExpression.Parse(text[1..]).Expression!));

    private static UserTaskActivationResult Activate(UserTaskDefinition definition, Dictionary<string, string>? headers = null)
    {
        var tokens = Tasks.Tokens("timer");
        return UserTaskActivation.Activate(new UserTaskActivationRequest
        {
            Definition = definition,
            ElementId = "approve",
            Name = "Approve invoice",
            Headers = headers ?? new Dictionary<string, string>(),
            UserTaskKey = 11,
            ProcessInstanceKey = 10,
            ElementInstanceKey = 12,
            ProcessDefinitionKey = 9,
            BpmnProcessId = "invoice",
            ProcessDefinitionVersion = 2,
            Context = FeelContext.FromJson(JsonNode.Parse(Variables)!.AsObject(), Tasks.Created),
            Now = Tasks.Created,
            NewToken = tokens,
        });
    }

    private static UserTask Created(UserTaskActivationResult result)
    {
        Assert.True(result.IsSuccess, result.Incident);
        return result.Task;
    }

    private static string Incident(UserTaskDefinition definition)
    {
        var result = Activate(definition);
        Assert.False(result.IsSuccess, "expected an incident");
        Assert.Empty(result.Events);
        return result.Incident;
    }

    [Fact]
    public void Activate_NothingModelled_OpenUnassignedTaskWithDefaults()
    {
        var result = Activate(new UserTaskDefinition { IsCamundaUserTask = true });

        var task = Created(result);
        Assert.Equal((UserTaskState.Created, 50, 1L, Tasks.Created), (task.State, task.Priority, task.Version, task.CreationDate));
        Assert.Equal((11L, 10L, 12L, 9L, "invoice", 2, "approve", "Approve invoice"),
            (task.UserTaskKey, task.ProcessInstanceKey, task.ElementInstanceKey, task.ProcessDefinitionKey, task.BpmnProcessId, task.ProcessDefinitionVersion, task.ElementId, task.Name));
        Assert.Null(task.Assignee);
        Assert.True(UserTaskEligibility.IsOpenToAnyone(task));
        var created = Assert.Single(result.Events);
        Assert.Equal((UserTaskEventKind.Created, "system", 1L), (created.Kind, created.Actor, created.Version));
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public void Activate_StaticValues_CopiedWithTimersScheduled()
    {
        var definition = new UserTaskDefinition
        {
            IsCamundaUserTask = true,
            Assignee = ExpressionOrValue<string>.Static("alice", "alice"),
            CandidateUsers = ExpressionOrValue<IReadOnlyList<string>>.Static(["alice", "bob"], "alice, bob"),
            CandidateGroups = ExpressionOrValue<IReadOnlyList<string>>.Static(["sales"], "sales"),
            DueDate = ExpressionOrValue<DateTimeOffset>.Static(Tasks.Due, "2026-03-03T09:00:00Z"),
            FollowUpDate = ExpressionOrValue<DateTimeOffset>.Static(Tasks.FollowUp, "2026-03-02T09:00:00Z"),
            Priority = ExpressionOrValue<int>.Static(70, "70"),
            Form = new LinkedFormReference("approval", FormBindingType.VersionTag, "v3"),
            ExpectedOutputs = ["approved"],
        };

        var result = Activate(definition, new Dictionary<string, string> { ["department"] = "finance" });

        var task = Created(result);
        Assert.Equal(("alice", "alice", 70), (task.Assignee, task.InitialAssignee, task.Priority));
        Assert.Equal(["alice", "bob"], task.CandidateUsers);
        Assert.Equal(["sales"], task.CandidateGroups);
        Assert.Equal((Tasks.Due, Tasks.FollowUp), (task.DueDate!.Value, task.FollowUpDate!.Value));
        Assert.Equal(("approval", FormBindingType.VersionTag, "v3"), (task.FormId, task.FormBindingType!.Value, task.FormVersionTag));
        Assert.Equal("finance", task.CustomHeaders["department"]);
        Assert.Equal(["approved"], task.ExpectedOutputs);
        Assert.Equal(("timer-1", "timer-2"), (task.DueDateTimerToken, task.FollowUpTimerToken));
        Assert.Equal(
            [new UserTaskOutcome.DueDateChanged(Tasks.Due, "timer-1"), new UserTaskOutcome.FollowUpDateChanged(Tasks.FollowUp, "timer-2")],
            result.Outcomes);
        Assert.Equal([UserTaskEventKind.Created, UserTaskEventKind.Assigned], result.Events.Select(e => e.Kind));
        Assert.Equal("alice", result.Events[1].Assignee);
    }

    [Fact]
    public void Activate_FeelValues_Evaluated()
    {
        var definition = new UserTaskDefinition
        {
            IsCamundaUserTask = true,
            Assignee = Feel<string>("=owner"),
            CandidateUsers = Feel<IReadOnlyList<string>>("=single"),
            CandidateGroups = Feel<IReadOnlyList<string>>("=team"),
            DueDate = Feel<DateTimeOffset>("=due"),
            FollowUpDate = Feel<DateTimeOffset>("=date and time(\"2026-03-09T08:00:00@Europe/Berlin\")"),
            Priority = Feel<int>("=amount + 5"),
            Form = new CustomFormReference(Feel<string>("=link")),
        };

        var task = Created(Activate(definition));

        Assert.Equal("alice", task.Assignee);
        Assert.Equal(["bob"], task.CandidateUsers);
        Assert.Equal(["sales", "audit"], task.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.FromHours(1)), task.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero), task.FollowUpDate);
        Assert.Equal(80, task.Priority);
        Assert.Equal("https://forms.example/x", task.ExternalFormReference);
    }

    [Fact]
    public void Activate_FeelNullsAndBlankAssignee_LeaveFieldsUnset()
    {
        var definition = new UserTaskDefinition
        {
            Assignee = Feel<string>("=blank"),
            CandidateUsers = Feel<IReadOnlyList<string>>("=nobody"),
            DueDate = Feel<DateTimeOffset>("=null"),
        };

        var result = Activate(definition);

        var task = Created(result);
        Assert.Null(task.Assignee);
        Assert.Empty(task.CandidateUsers);
        Assert.Null(task.DueDate);
        Assert.Null(task.DueDateTimerToken);
        Assert.False(task.IsCamundaUserTask);
        Assert.Empty(result.Outcomes);
    }

    [Fact]
    public void Activate_EmbeddedForm_FormKeyKept()
    {
        var form = new EmbeddedFormReference("camunda-forms:bpmn:approval", new EmbeddedForm("approval", "{}"));

        Assert.Equal("camunda-forms:bpmn:approval", Created(Activate(new UserTaskDefinition { Form = form })).FormKey);
    }

    [Theory]
    [InlineData("=amount / 0.5", "Task 'approve': priority expression '=amount / 0.5' evaluated to 150, expected an integer between 0 and 100")]
    [InlineData("=amount / 2", "Task 'approve': priority expression '=amount / 2' evaluated to 37.5, expected an integer between 0 and 100")]
    [InlineData("=-1", "Task 'approve': priority expression '=-1' evaluated to -1, expected an integer between 0 and 100")]
    [InlineData("=owner", "Task 'approve': priority expression '=owner' evaluated to \"alice\" (a string), expected an integer between 0 and 100")]
    [InlineData("=null", "Task 'approve': priority expression '=null' evaluated to null, expected an integer between 0 and 100")]
    public void Activate_BadPriority_IncidentNamesTaskExpressionAndValue(string expression, string incident)
    {
        Assert.Equal(incident, Incident(new UserTaskDefinition { Priority = Feel<int>(expression) }));
    }

    [Fact]
    public void Activate_AssigneeNotString_Incident()
    {
        Assert.Equal(
            "Task 'approve': assignee expression '=amount' evaluated to 75, expected a string or null",
            Incident(new UserTaskDefinition { Assignee = Feel<string>("=amount") }));
    }

    [Theory]
    [InlineData("=reviewers", "candidateUsers expression '=reviewers' evaluated to [\"bob\", 7] (a list)")]
    [InlineData("=amount", "candidateUsers expression '=amount' evaluated to 75, expected a list of non-empty strings")]
    [InlineData("=[\"bob\", \"\"]", "evaluated to [\"bob\", \"\"] (a list), expected a list of non-empty strings")]
    public void Activate_BadCandidateUsers_Incident(string expression, string expected)
    {
        Assert.Contains(expected, Incident(new UserTaskDefinition { CandidateUsers = Feel<IReadOnlyList<string>>(expression) }), StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_BadCandidateGroups_IncidentNamesGroups()
    {
        Assert.StartsWith(
            "Task 'approve': candidateGroups expression '={a: 1}' evaluated to",
            Incident(new UserTaskDefinition { CandidateGroups = Feel<IReadOnlyList<string>>("={a: 1}") }),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=localDue", "dueDate expression '=localDue' evaluated to \"2026-03-10T17:00:00\" (a string), expected a date and time with an offset or zone (e.g. 2026-03-01T09:00:00Z), or null; the value has no offset")]
    [InlineData("=date and time(\"2026-03-10T17:00:00\")", "evaluated to 2026-03-10T17:00:00 (a date and time), expected a date and time with an offset or zone (e.g. 2026-03-01T09:00:00Z), or null; the value has no offset")]
    [InlineData("=\"next week\"", "evaluated to \"next week\" (a string), expected a date and time with an offset or zone")]
    [InlineData("=date(\"2026-03-10\")", "evaluated to 2026-03-10 (a date), expected a date and time")]
    [InlineData("=amount", "evaluated to 75, expected a date and time")]
    public void Activate_BadDueDate_Incident(string expression, string expected)
    {
        Assert.Contains(expected, Incident(new UserTaskDefinition { DueDate = Feel<DateTimeOffset>(expression) }), StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_BadFollowUpDate_IncidentNamesFollowUpDate()
    {
        Assert.StartsWith(
            "Task 'approve': followUpDate expression '=localDue' evaluated to",
            Incident(new UserTaskDefinition { FollowUpDate = Feel<DateTimeOffset>("=localDue") }),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_ExternalReferenceNotString_Incident()
    {
        Assert.StartsWith(
            "Task 'approve': externalReference expression '=amount' evaluated to 75",
            Incident(new UserTaskDefinition { Form = new CustomFormReference(Feel<string>("=amount")) }),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Activate_EvaluationFails_IncidentCarriesFeelFailure()
    {
        Assert.Equal(
            "Task 'approve': assignee expression '=nosuch(1)' failed to evaluate: no function named 'nosuch'",
            Incident(new UserTaskDefinition { Assignee = Feel<string>("=nosuch(1)") }));
    }

    [Fact]
    public void Activate_StaticPriorityOutOfRange_Incident()
    {
        Assert.Equal(
            "Task 'approve': priority expression '150' evaluated to 150, expected an integer between 0 and 100",
            Incident(new UserTaskDefinition { Priority = ExpressionOrValue<int>.Static(150, "150") }));
    }

    [Fact]
    public void Activate_FirstFailureInCamundaOrder_Reported()
    {
        var definition = new UserTaskDefinition
        {
            Priority = Feel<int>("=500"),
            CandidateGroups = Feel<IReadOnlyList<string>>("=amount"),
            Assignee = Feel<string>("=owner"),
        };

        Assert.Contains("candidateGroups", Incident(definition), StringComparison.Ordinal);
    }
}
