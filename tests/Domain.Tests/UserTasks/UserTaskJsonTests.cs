using System.Text.Json;
using System.Text.Json.Nodes;
using FormBindingType = TaskFunctions.Domain.Bpmn.FormBindingType;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Tests.UserTasks;

public class UserTaskJsonTests
{
    private static readonly UserTask Full = new()
    {
        UserTaskKey = 2251799813685249,
        ProcessInstanceKey = 2251799813685240,
        ElementInstanceKey = 2251799813685248,
        ProcessDefinitionKey = 2251799813685230,
        BpmnProcessId = "invoice",
        ProcessDefinitionVersion = 7,
        ElementId = "approve",
        Name = "Approve \"big\" invoice ✓",
        TenantId = "acme",
        State = UserTaskState.Failed,
        Assignee = "alice",
        InitialAssignee = "bob",
        CandidateUsers = ["alice", "bob"],
        CandidateGroups = ["sales", "audit"],
        DueDate = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(2)),
        FollowUpDate = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
        Priority = 80,
        CreationDate = new DateTimeOffset(2026, 3, 1, 9, 0, 0, 123, TimeSpan.Zero),
        CompletionDate = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(-5)),
        IsOverdue = true,
        IsFollowUpDue = true,
        DueDateTimerToken = "due-7",
        FollowUpTimerToken = "follow-up-7",
        FormKey = "camunda-forms:bpmn:approval",
        FormId = "approval-form",
        FormBindingType = FormBindingType.VersionTag,
        FormVersionTag = "v2",
        ExternalFormReference = "https://forms.example/approve",
        CustomHeaders = new Dictionary<string, string> { ["department"] = "finance", ["x"] = "" },
        ExpectedOutputs = ["approved"],
        IsCamundaUserTask = false,
        ErrorCode = "DUPLICATE",
        ErrorMessage = "paid already",
        CancelReason = "n/a",
        Version = 12,
    };

    [Fact]
    public void RoundTrip_EveryFieldSet_Lossless()
    {
        var json = UserTaskJson.Serialize(Full);

        var read = UserTaskJson.Deserialize(json);

        Assert.Equal(json, UserTaskJson.Serialize(read));
        Assert.Equal(Full.DueDate!.Value.Offset, read.DueDate!.Value.Offset);
        Assert.Equal(Full.CreationDate, read.CreationDate);
        Assert.Equal(Full.CustomHeaders, read.CustomHeaders);
        Assert.Equal(Full.CandidateGroups, read.CandidateGroups);
        Assert.Equal(Full with { CandidateUsers = read.CandidateUsers, CandidateGroups = read.CandidateGroups, CustomHeaders = read.CustomHeaders, ExpectedOutputs = read.ExpectedOutputs }, read);
    }

    [Fact]
    public void RoundTrip_Minimal_DefaultsRestored()
    {
        var minimal = new UserTask
        {
            UserTaskKey = 1,
            ProcessInstanceKey = 2,
            ElementInstanceKey = 3,
            ProcessDefinitionKey = 4,
            BpmnProcessId = "p",
            ElementId = "t",
            CreationDate = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var json = UserTaskJson.Serialize(minimal);
        var read = UserTaskJson.Deserialize(json);

        Assert.Equal(json, UserTaskJson.Serialize(read));
        Assert.Equal((UserTaskState.Created, 50, "<default>", 1L, true), (read.State, read.Priority, read.TenantId, read.Version, read.IsCamundaUserTask));
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isOpen", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_StateAndBinding_CamundaUpperCaseNames()
    {
        var json = JsonNode.Parse(UserTaskJson.Serialize(Full))!;

        Assert.Equal("FAILED", json["state"]!.GetValue<string>());
        Assert.Equal("VERSION_TAG", json["formBindingType"]!.GetValue<string>());
        Assert.Equal(2251799813685249, json["userTaskKey"]!.GetValue<long>());
    }

    [Fact]
    public void Deserialize_MissingKey_Throws()
    {
        Assert.Throws<JsonException>(() => UserTaskJson.Deserialize("""{"bpmnProcessId":"p"}"""));
    }

    [Fact]
    public void RoundTrip_Event_Lossless()
    {
        var userTaskEvent = new UserTaskEvent
        {
            UserTaskKey = 1,
            Kind = UserTaskEventKind.Updated,
            Actor = "alice",
            Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
            Version = 4,
            Action = "update",
            Changes = [new UserTaskAttributeChange("priority", "50", "80")],
            Variables = new JsonObject { ["a"] = new JsonArray(1, "x", null) },
        };

        var json = UserTaskJson.Serialize(userTaskEvent);

        Assert.Equal(json, UserTaskJson.Serialize(UserTaskJson.DeserializeEvent(json)));
        Assert.Contains("\"kind\":\"UPDATED\"", json, StringComparison.Ordinal);
    }
}
