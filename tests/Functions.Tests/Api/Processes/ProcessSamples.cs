using System.Net.Http.Headers;
using System.Text;

namespace TaskFunctions.Functions.Tests.Api.Processes;

/// <summary>The BPMN files and forms the process, instance and job API tests deploy, and how to send them.</summary>
internal static class ProcessSamples
{
    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>start → user task <c>review</c> → end.</summary>
    public static string Review(string id = "review-process", string name = "Review process") => Head + $"""
        <bpmn:process id="{id}" name="{name}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>start → end: an instance completes at once.</summary>
    public static string Straight(string id = "straight") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>See <see cref="TaskFunctions.TestSupport.JobProcesses.ChargeJob"/>.</summary>
    public static string ChargeJob(string id = "charge-job", string type = "charge") => TaskFunctions.TestSupport.JobProcesses.ChargeJob(id, type);

    /// <summary>See <see cref="TaskFunctions.TestSupport.JobProcesses.ChargeWithErrorBoundary"/>.</summary>
    public static string ChargeWithErrorBoundary(string id = "charge-error", string type = "charge") =>
        TaskFunctions.TestSupport.JobProcesses.ChargeWithErrorBoundary(id, type);

    /// <summary>A BPMN file the parser refuses: the sequence flow points at an element that does not exist.</summary>
    public static string Broken(string id = "broken") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nowhere" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>A Camunda Form with one text field.</summary>
    public static string Form(string id = "invoice-form") =>
        $$"""{ "id": "{{id}}", "type": "default", "components": [ { "type": "textfield", "key": "amount", "label": "Amount" } ] }""";

    /// <summary>A multipart deployment body with the files as <c>resources</c> parts.</summary>
    public static MultipartFormDataContent Deployment(params (string Name, string Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".form", StringComparison.Ordinal) ? "application/json" : "application/xml");
            content.Add(part, "resources", name);
        }

        return content;
    }
}
