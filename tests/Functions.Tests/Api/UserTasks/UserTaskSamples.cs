using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TaskFunctions.Functions.Tests.Api.UserTasks;

/// <summary>The processes, form and request helpers the user-task API tests share.</summary>
internal static class UserTaskSamples
{
    public const string FormId = "review-form";

    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>A form whose field <c>approved</c> is required.</summary>
    public const string Form = """
        {"id":"review-form","type":"default","schemaVersion":16,"components":[
          {"type":"checkbox","id":"f1","key":"approved","label":"Approved","validate":{"required":true}},
          {"type":"textfield","id":"f2","key":"comment","label":"Comment"}]}
        """;

    /// <summary>
    /// start → review (candidate group <c>accounting</c>, linked form <see cref="FormId"/>, local variable
    /// <c>doubled</c> = amount * 2) → end.
    /// </summary>
    public static string Review(string id = "invoice-review") => Head + $"""
        <bpmn:process id="{id}" name="Invoice review" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review invoice">
            <bpmn:extensionElements>
              <zeebe:userTask />
              <zeebe:formDefinition formId="{FormId}" />
              <zeebe:assignmentDefinition candidateGroups="accounting" />
              <zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled" /></zeebe:ioMapping>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>start → plain (no form, no candidates) → end.</summary>
    public static string Plain(string id = "plain-process") => Head + $"""
        <bpmn:process id="{id}" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="plain" name="Plain">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="plain" />
          <bpmn:sequenceFlow id="f2" sourceRef="plain" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    /// <summary>Deploys <see cref="Review"/> with its form, starts it with <c>amount</c> 21 and returns the task key.</summary>
    public static async Task<long> StartReviewAsync(ApiHost host)
    {
        var process = await host.DeployAsync(Review(), ("review.form", Form));
        return await host.StartAndGetTaskAsync(process, new() { ["amount"] = 21, ["invoiceId"] = "INV-1" });
    }

    /// <summary>Deploys <see cref="Plain"/>, starts it and returns the task key.</summary>
    public static async Task<long> StartPlainAsync(ApiHost host) =>
        await host.StartAndGetTaskAsync(await host.DeployAsync(Plain()));

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The task as <c>GET /v2/user-tasks/{key}</c> answers it (asserting 200).</summary>
    public static async Task<JsonElement> GetTaskAsync(this HttpClient client, long key)
    {
        using var response = await client.GetAsync($"/v2/user-tasks/{key}");
        return await ProblemAssert.IsJsonAsync(response);
    }

    public static string? OptionalString(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
