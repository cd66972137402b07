using System.Text.Json.Nodes;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Domain.Tests.Execution;

public sealed class StateJsonShapeTests
{
    [Fact]
    public void StateJson_WaitingAtUserTaskWithTimers_HasDocumentedShape()
    {
        var harness = ProcessHarness.For("review-timers.bpmn");
        harness.Start(new JsonObject { ["wait"] = "PT10M" });

        var json = JsonNode.Parse(ProcessInstanceJson.Serialize(harness.State))!.AsObject();

        Assert.Equal(
            ["processInstanceKey", "processDefinitionKey", "bpmnProcessId", "processDefinitionVersion", "startedAt", "elementInstances", "variables", "timers", "sequence"],
            json.Select(p => p.Key).ToArray());
        var task = json["elementInstances"]!.AsArray().Single(e => e!["elementId"]!.GetValue<string>() == "review")!;
        Assert.Equal("active", task["phase"]!.GetValue<string>());
        Assert.NotNull(task["userTaskKey"]);
        Assert.Null(task["joinArrivals"]);
        // Defaults (the first enum member, zero, null) are left out to keep the row small.
        Assert.Null(json["timers"]![0]!["kind"]);
        Assert.Equal("dueDate", json["timers"]![2]!["kind"]!.GetValue<string>());
        Assert.Equal("P0Y0M0DT0H30M0S", json["timers"]!.AsArray().Single(t => t!["interval"] is not null)!["interval"]!.GetValue<string>());
        Assert.Equal("PT10M", json["variables"]![harness.State.ProcessInstanceKey.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["wait"]!.GetValue<string>());
    }
}
