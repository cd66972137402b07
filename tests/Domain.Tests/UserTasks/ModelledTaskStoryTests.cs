using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;
using TaskFunctions.Domain.Forms;
using TaskFunctions.Domain.Tests.Bpmn;
using TaskFunctions.Domain.UserTasks;
using static TaskFunctions.Domain.UserTasks.UserTaskCommand;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;

namespace TaskFunctions.Domain.Tests.UserTasks;

/// <summary>A task from a real Modeler file, through activation and a typical sequence of commands.</summary>
public class ModelledTaskStoryTests
{
    private static UserTaskActivationResult ActivateReview(JsonObject variables)
    {
        var process = BpmnFixtures.ParseSingle("approval-process.bpmn");
        var element = Assert.IsType<Domain.Bpmn.UserTask>(process.FlowNodes["Task_review"]);
        return UserTaskActivation.Activate(UserTaskActivationRequest.For(
            element, 21, 20, 22, 19, process.BpmnProcessId, 1, FeelContext.FromJson(variables, Tasks.Created), Tasks.Created, Tasks.Tokens("timer")));
    }

    [Fact]
    public void Activate_ApprovalProcessReview_EvaluatesModel()
    {
        var result = ActivateReview(new JsonObject { ["manager"] = "carol" });

        Assert.True(result.IsSuccess, result.Incident);
        var task = result.Task;
        Assert.Equal(("carol", "carol", 80), (task.Assignee, task.InitialAssignee, task.Priority));
        Assert.Equal(["alice", "bob"], task.CandidateUsers);
        Assert.Equal(["finance", "controllers"], task.CandidateGroups);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.FromHours(1)), task.DueDate);
        Assert.Equal(Tasks.Created.AddDays(2), task.FollowUpDate);
        Assert.Equal(("expense-review", FormBindingType.VersionTag, "v2"), (task.FormId, task.FormBindingType, task.FormVersionTag));
        Assert.Equal("travel-2026", task.CustomHeaders["policy"]);
        Assert.Equal(("Task_review", "Review expense", "expense-approval"), (task.ElementId, task.Name, task.BpmnProcessId));
    }

    [Fact]
    public void Activate_ManagerIsNumber_IncidentNamesReviewTask()
    {
        var result = ActivateReview(new JsonObject { ["manager"] = 7 });

        Assert.Equal("Task 'Task_review': assignee expression '=manager' evaluated to 7, expected a string or null", result.Incident);
    }

    [Fact]
    public void Story_HandOverClaimAndCompleteWithForm_RecordsEveryStep()
    {
        var task = ActivateReview(new JsonObject { ["manager"] = "carol" }).Task!;
        var carol = Caller.User("carol");
        var alice = Caller.User("alice");
        var form = CamundaForm.Parse("""{"id":"expense-review","components":[{"type":"checkbox","key":"approved","validate":{"required":true}}]}""").Form!;
        var history = new List<UserTaskEvent>();

        task = Step(task, new Unassign(), carol, history);
        task = Step(task, new Claim(), alice, history);
        var rejected = UserTaskLifecycle.Apply(task, new Complete(new JsonObject(), form.RequiredFields), alice, Tasks.Now, Tasks.Tokens());
        Assert.Equal(["approved", "reviewComment"], rejected.Error!.Fields);
        task = Step(task, new Assign("carol"), alice, history);
        task = Step(task, new Complete(new JsonObject { ["approved"] = true, ["reviewComment"] = "within policy" }, form.RequiredFields), carol, history);

        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(5, task.Version);
        Assert.Equal(
            [(UserTaskEventKind.Unassigned, "carol"), (UserTaskEventKind.Assigned, "alice"), (UserTaskEventKind.Assigned, "alice"), (UserTaskEventKind.Completed, "carol")],
            history.Select(e => (e.Kind, e.Actor)));
    }

    private static UserTask Step(UserTask task, UserTaskCommand command, Caller caller, List<UserTaskEvent> history)
    {
        var result = UserTaskLifecycle.Apply(task, command, caller, Tasks.Now, Tasks.Tokens());
        Assert.True(result.IsSuccess, result.Error?.Message);
        history.AddRange(result.Events);
        return result.Task;
    }
}
