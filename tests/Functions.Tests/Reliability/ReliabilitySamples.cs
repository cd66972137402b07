using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TaskFunctions.Functions.Tests.Reliability;

/// <summary>The processes the reliability tests run, and the HTTP helpers they share.</summary>
internal static class ReliabilitySamples
{
    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>start → <c>work</c> (candidate group <c>team</c>) → end.</summary>
    public static string TeamTask(string id = "team-task") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="work" name="Work">
            <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="team" /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
          <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>start → fork → <paramref name="branches"/> user tasks <c>b1</c>… → join → <c>after</c> → end.</summary>
    public static string ParallelJoin(int branches, string id = "parallel-join")
    {
        var tasks = new StringBuilder();
        for (var i = 1; i <= branches; i++)
        {
            tasks.Append(CultureInvariant($"""
                <bpmn:userTask id="b{i}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
                <bpmn:sequenceFlow id="in{i}" sourceRef="fork" targetRef="b{i}" />
                <bpmn:sequenceFlow id="out{i}" sourceRef="b{i}" targetRef="join" />
                """));
        }

        return Head + $"""
            <bpmn:process id="{id}" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="fork" />
              {tasks}
              <bpmn:parallelGateway id="join" />
              <bpmn:userTask id="after"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
              <bpmn:sequenceFlow id="f1" sourceRef="join" targetRef="after" />
              <bpmn:sequenceFlow id="f2" sourceRef="after" targetRef="end" />
            </bpmn:process></bpmn:definitions>
            """;
    }

    /// <summary>
    /// start → <c>first</c> (due in an hour; a non-interrupting boundary timer after 2 hours) → <c>second</c> → end:
    /// every instance owns durable timers while it waits.
    /// </summary>
    public static string TimedSteps(string id = "timed-steps") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="first" name="First">
            <bpmn:extensionElements><zeebe:userTask /><zeebe:taskSchedule dueDate="=now() + duration(&quot;PT1H&quot;)" /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:boundaryEvent id="remind" attachedToRef="first" cancelActivity="false">
            <bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:boundaryEvent>
          <bpmn:endEvent id="reminded" />
          <bpmn:userTask id="second" name="Second">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
          <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />
          <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end" />
          <bpmn:sequenceFlow id="f4" sourceRef="remind" targetRef="reminded" />
        </bpmn:process></bpmn:definitions>
        """;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>Deploys one BPMN file over HTTP and returns the process definition key.</summary>
    public static async Task<string> DeployOverHttpAsync(this HttpClient client, string name, string bpmn)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(bpmn));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        content.Add(part, "resources", name);
        using var response = await client.PostAsync("/v2/deployments", content);
        var body = await ProblemAssert.IsJsonAsync(response);
        return body.GetProperty("deployments")[0].GetProperty("processDefinition").GetProperty("processDefinitionKey").GetString()!;
    }

    /// <summary>The user tasks of an instance in every state, from the task index (POST /v2/user-tasks/search).</summary>
    public static async Task<IReadOnlyList<JsonElement>> SearchTasksAsync(this HttpClient client, long processInstanceKey, string? elementId = null)
    {
        var filter = elementId is null
            ? $$"""{"processInstanceKey":"{{processInstanceKey}}"}"""
            : $$"""{"processInstanceKey":"{{processInstanceKey}}","elementId":"{{elementId}}"}""";
        using var response = await client.PostJsonAsync("/v2/user-tasks/search", "{\"filter\":" + filter + ",\"page\":{\"limit\":100}}");
        var body = await ProblemAssert.IsJsonAsync(response);
        return body.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The task's audit trail events (<c>CREATED</c>, <c>ASSIGNED</c>, …) in order.</summary>
    public static async Task<IReadOnlyList<string>> TaskEventsAsync(this HttpClient client, long userTaskKey)
    {
        using var response = await client.GetAsync($"/v2/user-tasks/{userTaskKey}/history");
        var body = await ProblemAssert.IsJsonAsync(response);
        return body.GetProperty("items").EnumerateArray()
            .Where(e => e.TryGetProperty("event", out _))
            .Select(e => e.GetProperty("event").GetString()!)
            .ToList();
    }

    /// <summary>The instance as <c>GET /v2/process-instances/{key}</c> answers it.</summary>
    public static async Task<JsonElement> GetInstanceAsync(this HttpClient client, long processInstanceKey)
    {
        using var response = await client.GetAsync($"/v2/process-instances/{processInstanceKey}");
        return await ProblemAssert.IsJsonAsync(response);
    }

    public static long Key(this JsonElement element, string name) =>
        long.Parse(element.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
