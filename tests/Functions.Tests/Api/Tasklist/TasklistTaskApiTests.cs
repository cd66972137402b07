using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Functions.Api.Tasklist;
using TaskFunctions.TestSupport;
using static TaskFunctions.Functions.Tests.Api.Tasklist.TasklistSamples;

namespace TaskFunctions.Functions.Tests.Api.Tasklist;

/// <summary>The Tasklist v1 task routes: get, assign, unassign, complete, variables.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TasklistTaskApiTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 60_000)]
    public async Task GetTask_OpenTask_200WithTasklistFields()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove(
            """<zeebe:assignmentDefinition candidateGroups="sales" /><zeebe:priorityDefinition priority="80" /><zeebe:taskSchedule dueDate="2030-01-01T10:00:00Z" />"""));
        var key = await host.StartAndGetTaskAsync(process);

        using var response = await host.Client().GetAsync($"/v1/tasks/{key}");

        var task = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(key.ToString(), task.Str("id"));
        Assert.Equal("Review invoice", task.Str("name"));
        Assert.Equal("review", task.Str("taskDefinitionId"));
        Assert.Equal("Invoice approval", task.Str("processName"));
        Assert.Equal("CREATED", task.Str("taskState"));
        Assert.Null(task.Str("assignee"));
        Assert.Null(task.Str("completionDate"));
        Assert.Equal(process.ProcessDefinitionKey.ToString(), task.Str("processDefinitionKey"));
        Assert.Equal(JsonValueKind.String, task.GetProperty("processInstanceKey").ValueKind);
        Assert.Equal("<default>", task.Str("tenantId"));
        Assert.Equal("2030-01-01T10:00:00.000Z", task.Str("dueDate"));
        Assert.Equal(["sales"], task.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Empty(task.GetProperty("candidateUsers").EnumerateArray());
        Assert.Equal("ZEEBE_USER_TASK", task.Str("implementation"));
        Assert.Equal(80, task.GetProperty("priority").GetInt32());
        Assert.False(task.GetProperty("isFormEmbedded").GetBoolean());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", task.Str("creationDate"));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTask_UnknownKey_404TasklistError()
    {
        await using var host = ApiHost.Start(azurite);

        using var response = await host.Client().GetAsync("/v1/tasks/2251799813685249");

        await IsTasklistErrorAsync(response, HttpStatusCode.NotFound, "2251799813685249");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTask_NotAKey_400TasklistError()
    {
        await using var host = ApiHost.Start(azurite);

        using var response = await host.Client().GetAsync("/v1/tasks/not-a-key");

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, "not-a-key");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTask_EmbeddedAndLinkedForms_ShowFormFields()
    {
        await using var host = ApiHost.Start(azurite);
        var embedded = await host.DeployAsync(ReviewApprove(
            """<zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_1" />""",
            $"<zeebe:userTaskForm id=\"UserTaskForm_1\">{FormSchema}</zeebe:userTaskForm>", id: "embedded"));
        var linked = await host.DeployAsync(ReviewApprove("""<zeebe:formDefinition formId="invoice-form" />""", id: "linked"),
            ("invoice-form.form", FormJson("invoice-form", "Amount")));
        var embeddedTask = await host.StartAndGetTaskAsync(embedded);
        var linkedTask = await host.StartAndGetTaskAsync(linked);
        using var client = host.Client();

        var first = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{embeddedTask}"));
        var second = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{linkedTask}"));

        Assert.Equal("camunda-forms:bpmn:UserTaskForm_1", first.Str("formKey"));
        Assert.True(first.GetProperty("isFormEmbedded").GetBoolean());
        Assert.Null(first.Str("formId"));
        Assert.Equal("invoice-form", second.Str("formId"));
        Assert.Equal(1, second.GetProperty("formVersion").GetInt64());
        Assert.False(second.GetProperty("isFormEmbedded").GetBoolean());
        Assert.Matches("^[0-9]+$", second.Str("formKey"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_NamedAssignee_200AssignedAndVisibleOnGet()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "alice" });

        var task = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("alice", task.Str("assignee"));
        Assert.Equal("CREATED", task.Str("taskState"));
        var read = await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{key}"));
        Assert.Equal("alice", read.Str("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_NoBodyFromUser_AssignsTheCaller()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));

        using var response = await host.Client("bob").PatchAsync($"/v1/tasks/{key}/assign", null);

        Assert.Equal("bob", (await ProblemAssert.IsJsonAsync(response)).Str("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_AnonymousWithoutAssignee_400AndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { allowOverrideAssignment = true });

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, "Assignee must be specified");
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_AssignedAndOverrideNotAllowed_400TaskAlreadyAssignedAndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "alice" }));
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "bob", allowOverrideAssignment = false });

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskAlreadyAssigned);
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_AssignedWithDefaultOverride_Reassigns()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "alice" }));

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "bob" });

        Assert.Equal("bob", (await ProblemAssert.IsJsonAsync(response)).Str("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_UserAssigningSomeoneElse_403AndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var anonymous = host.Client();
        var before = await anonymous.GetStringAsync($"/v1/tasks/{key}");

        using var response = await host.Client("bob").PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "carol" });

        await IsTasklistErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await anonymous.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_CompletedTask_400TaskIsNotActive()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{key}/complete", null));
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/assign", new { assignee = "alice" });

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskIsNotActive);
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"assignee\": ", "not valid JSON")]
    [InlineData("{\"assignee\": \"alice\", \"owner\": \"x\"}", "owner")]
    [InlineData("{\"assignee\": 5}", "not valid JSON")]
    public async Task AssignTask_BadBody_400TasklistErrorAndChangedNothing(string body, string messageContains)
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchRawAsync($"/v1/tasks/{key}/assign", body);

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, messageContains);
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignUnassignComplete_UnknownOrInvalidKey_404Or400()
    {
        await using var host = ApiHost.Start(azurite);
        using var client = host.Client("alice");

        foreach (var action in new[] { "assign", "unassign", "complete" })
        {
            await IsTasklistErrorAsync(await client.PatchAsync($"/v1/tasks/2251799813685249/{action}", null), HttpStatusCode.NotFound);
            await IsTasklistErrorAsync(await client.PatchAsync($"/v1/tasks/abc/{action}", null), HttpStatusCode.BadRequest, "abc");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task UnassignTask_Assigned_200Unassigned()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client("alice");
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{key}/assign", null));

        using var response = await client.PatchAsync($"/v1/tasks/{key}/unassign", null);

        Assert.Null((await ProblemAssert.IsJsonAsync(response)).Str("assignee"));
        Assert.Null((await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{key}"))).Str("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task UnassignTask_NotAssigned_400TaskNotAssigned()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchAsync($"/v1/tasks/{key}/unassign", null);

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskNotAssigned);
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task UnassignTask_CompletedTask_400TaskIsNotActive()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client("alice");
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{key}/assign", null));
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{key}/complete", null));

        using var response = await client.PatchAsync($"/v1/tasks/{key}/unassign", null);

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskIsNotActive);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnassignTask_SomeoneElsesTask_403AndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var alice = host.Client("alice");
        await ProblemAssert.IsJsonAsync(await alice.PatchAsync($"/v1/tasks/{key}/assign", null));
        var before = await alice.GetStringAsync($"/v1/tasks/{key}");

        using var response = await host.Client("bob").PatchAsync($"/v1/tasks/{key}/unassign", null);

        await IsTasklistErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await alice.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_EveryValueKind_200CompletedAndVariablesReachTheProcess()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove());
        var instanceKey = await host.StartAsync(process);
        var key = (await host.OpenTasksAsync(instanceKey))[0].UserTaskKey;
        using var client = host.Client();
        var body = """
            { "variables": [
                { "name": "text", "value": "\"hello\"" },
                { "name": "number", "value": "123" },
                { "name": "decimal", "value": "12.5" },
                { "name": "flag", "value": "true" },
                { "name": "nothing", "value": "null" },
                { "name": "object", "value": "{\"a\":1,\"b\":[1,2]}" },
                { "name": "list", "value": "[\"x\",\"y\"]" },
                { "name": "raw", "value": 7 },
                { "name": "rawFlag", "value": false },
                { "name": "unescaped", "value": "\"say \"hi\" now\"" }
            ] }
            """;

        using var response = await client.PatchRawAsync($"/v1/tasks/{key}/complete", body);

        var task = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal("COMPLETED", task.Str("taskState"));
        Assert.NotNull(task.Str("completionDate"));
        var next = (await host.OpenTasksAsync(instanceKey))[0].UserTaskKey;
        var variables = await ProblemAssert.IsJsonAsync(await client.PostAsync($"/v1/tasks/{next}/variables/search", null));
        var values = variables.EnumerateArray().ToDictionary(v => v.Str("name"), v => v.Str("value"));
        Assert.Equal("\"hello\"", values["text"]);
        Assert.Equal("123", values["number"]);
        Assert.Equal("12.5", values["decimal"]);
        Assert.Equal("true", values["flag"]);
        Assert.Equal("null", values["nothing"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":1,"b":[1,2]}"""), JsonNode.Parse(values["object"])));
        Assert.Equal("[\"x\",\"y\"]", values["list"]);
        Assert.Equal("7", values["raw"]);
        Assert.Equal("false", values["rawFlag"]);
        Assert.Equal("say \"hi\" now", JsonNode.Parse(values["unescaped"])!.GetValue<string>());
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_ValueNotJson_400NamingTheVariableAndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/complete",
            new { variables = new[] { new { name = "ok", value = "1" }, new { name = "comment", value = "looks good" } } });

        await IsTasklistErrorAsync(response, HttpStatusCode.BadRequest, "'comment'");
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_VariableWithoutNameOrTwice_400()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();

        using var noName = await client.PatchRawAsync($"/v1/tasks/{key}/complete", """{"variables":[{"value":"1"}]}""");
        using var twice = await client.PatchRawAsync($"/v1/tasks/{key}/complete", """{"variables":[{"name":"a","value":"1"},{"name":"a","value":"2"}]}""");

        await IsTasklistErrorAsync(noName, HttpStatusCode.BadRequest, "name");
        await IsTasklistErrorAsync(twice, HttpStatusCode.BadRequest, "'a'");
        Assert.Equal("CREATED", (await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{key}"))).Str("taskState"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_AlreadyCompleted_400TaskIsNotActive()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchAsync($"/v1/tasks/{key}/complete", null));

        using var response = await client.PatchAsync($"/v1/tasks/{key}/complete", null);

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskIsNotActive);
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_UserOnUnassignedTask_400TaskNotAssignedAndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client("alice");
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var response = await client.PatchAsync($"/v1/tasks/{key}/complete", null);

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskNotAssigned);
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_UserOnSomeoneElsesTask_400TaskNotAssignedToCurrentUserAndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var alice = host.Client("alice");
        await ProblemAssert.IsJsonAsync(await alice.PatchAsync($"/v1/tasks/{key}/assign", null));
        var before = await alice.GetStringAsync($"/v1/tasks/{key}");

        using var response = await host.Client("bob").PatchAsync($"/v1/tasks/{key}/complete", null);

        await IsTasklistCodeAsync(response, HttpStatusCode.BadRequest, TasklistErrors.TaskNotAssignedToCurrentUser);
        Assert.Equal(before, await alice.GetStringAsync($"/v1/tasks/{key}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_AssigneeCompletes_200()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var alice = host.Client("alice");
        await ProblemAssert.IsJsonAsync(await alice.PatchAsync($"/v1/tasks/{key}/assign", null));

        using var response = await alice.PatchJsonAsync($"/v1/tasks/{key}/complete", new { variables = new[] { new { name = "approved", value = "true" } } });

        var task = await ProblemAssert.IsJsonAsync(response);
        Assert.Equal(("COMPLETED", "alice"), (task.Str("taskState"), task.Str("assignee")));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_VariablesOverTheLimit_413AndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:taskFunctions:http:maxVariablesSize"] = "1024",
        });
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();

        using var response = await client.PatchJsonAsync($"/v1/tasks/{key}/complete",
            new { variables = new[] { new { name = "big", value = JsonSerializer.Serialize(new string('x', 2000)) } } });

        await IsTasklistErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "maxVariablesSize");
        Assert.Equal("CREATED", (await ProblemAssert.IsJsonAsync(await client.GetAsync($"/v1/tasks/{key}"))).Str("taskState"));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchTaskVariables_TaskWithLocalVariable_InnerScopeHidesOuter()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove(
            """<zeebe:ioMapping><zeebe:input source="=&#34;local&#34;" target="note" /></zeebe:ioMapping>"""));
        var key = await host.StartAndGetTaskAsync(process, new JsonObject { ["note"] = "outer", ["amount"] = 5, ["customer"] = new JsonObject { ["name"] = "Ada" } });
        using var client = host.Client();

        using var all = await client.PostAsync($"/v1/tasks/{key}/variables/search", null);
        using var named = await client.PostAsJsonAsync($"/v1/tasks/{key}/variables/search", new { variableNames = new[] { "amount" } });
        using var included = await client.PostAsJsonAsync($"/v1/tasks/{key}/variables/search",
            new { includeVariables = new[] { new { name = "note", alwaysReturnFullValue = true } } });

        var variables = (await ProblemAssert.IsJsonAsync(all)).EnumerateArray().ToList();
        Assert.Equal(["amount", "customer", "note"], variables.Select(v => v.Str("name")));
        var note = variables.Single(v => v.Str("name") == "note");
        Assert.Equal("\"local\"", note.Str("value"));
        Assert.Equal("\"local\"", note.Str("previewValue"));
        Assert.False(note.GetProperty("isValueTruncated").GetBoolean());
        Assert.EndsWith("-note", note.Str("id"), StringComparison.Ordinal);
        Assert.Equal("{\"name\":\"Ada\"}", variables.Single(v => v.Str("name") == "customer").Str("value"));
        Assert.Equal(["amount"], (await ProblemAssert.IsJsonAsync(named)).EnumerateArray().Select(v => v.Str("name")));
        Assert.Equal(["\"local\""], (await ProblemAssert.IsJsonAsync(included)).EnumerateArray().Select(v => v.Str("value")));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchTaskVariables_CompletedTask_SeesTheProcessScope()
    {
        await using var host = ApiHost.Start(azurite);
        var process = await host.DeployAsync(ReviewApprove(
            """<zeebe:ioMapping><zeebe:input source="=&#34;local&#34;" target="note" /></zeebe:ioMapping>"""));
        var key = await host.StartAndGetTaskAsync(process, new JsonObject { ["note"] = "outer" });
        using var client = host.Client();
        await ProblemAssert.IsJsonAsync(await client.PatchJsonAsync($"/v1/tasks/{key}/complete",
            new { variables = new[] { new { name = "approved", value = "true" } } }));

        using var response = await client.PostAsync($"/v1/tasks/{key}/variables/search", null);

        var values = (await ProblemAssert.IsJsonAsync(response)).EnumerateArray().ToDictionary(v => v.Str("name"), v => v.Str("value"));
        Assert.Equal("\"outer\"", values["note"]);
        Assert.Equal("true", values["approved"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task AssignTask_UserNotAmongCandidates_400NotEligibleAndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove(
            """<zeebe:assignmentDefinition candidateGroups="sales" />""")));
        using var anonymous = host.Client();
        var before = await anonymous.GetStringAsync($"/v1/tasks/{key}");

        using var outsider = await host.Client("bob", "support").PatchAsync($"/v1/tasks/{key}/assign", null);
        var afterOutsider = await anonymous.GetStringAsync($"/v1/tasks/{key}");
        using var member = await host.Client("carol", "sales").PatchAsync($"/v1/tasks/{key}/assign", null);

        await IsTasklistCodeAsync(outsider, HttpStatusCode.BadRequest, "USER_TASK_NOT_ELIGIBLE");
        Assert.Equal(before, afterOutsider);
        Assert.Equal("carol", (await ProblemAssert.IsJsonAsync(member)).Str("assignee"));
    }

    [Fact(Timeout = 60_000)]
    public async Task CompleteTask_RequiredFormFieldMissing_400AndChangedNothing()
    {
        await using var host = ApiHost.Start(azurite);
        const string schema = """{"id":"f","type":"default","components":[{"type":"textfield","key":"amount","label":"Amount","validate":{"required":true}}]}""";
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove(
            """<zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_1" />""",
            $"<zeebe:userTaskForm id=\"UserTaskForm_1\">{schema}</zeebe:userTaskForm>")));
        using var client = host.Client();
        var before = await client.GetStringAsync($"/v1/tasks/{key}");

        using var missing = await client.PatchAsync($"/v1/tasks/{key}/complete", null);

        await IsTasklistCodeAsync(missing, HttpStatusCode.BadRequest, "USER_TASK_MISSING_VARIABLES");
        Assert.Equal(before, await client.GetStringAsync($"/v1/tasks/{key}"));
        var done = await client.PatchJsonAsync($"/v1/tasks/{key}/complete", new { variables = new[] { new { name = "amount", value = "\"12\"" } } });
        Assert.Equal("COMPLETED", (await ProblemAssert.IsJsonAsync(done)).Str("taskState"));
    }

    [Fact(Timeout = 60_000)]
    public async Task SearchTaskVariables_BothFormsOrUnknownTask_400Or404()
    {
        await using var host = ApiHost.Start(azurite);
        var key = await host.StartAndGetTaskAsync(await host.DeployAsync(ReviewApprove()));
        using var client = host.Client();

        using var both = await client.PostAsJsonAsync($"/v1/tasks/{key}/variables/search",
            new { variableNames = new[] { "a" }, includeVariables = new[] { new { name = "b" } } });
        using var unknown = await client.PostAsync("/v1/tasks/2251799813685249/variables/search", null);
        using var invalid = await client.PostAsync("/v1/tasks/x1/variables/search", null);

        await IsTasklistErrorAsync(both, HttpStatusCode.BadRequest, "Only one of [variableNames, includeVariables]");
        await IsTasklistErrorAsync(unknown, HttpStatusCode.NotFound);
        await IsTasklistErrorAsync(invalid, HttpStatusCode.BadRequest, "x1");
    }
}
