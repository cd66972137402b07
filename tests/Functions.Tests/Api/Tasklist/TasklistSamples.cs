using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TaskFunctions.Functions.Tests.Api.Tasklist;

/// <summary>BPMN samples and request/assert helpers for the Tasklist v1 API tests.</summary>
internal static class TasklistSamples
{
    private const string Head =
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">""";

    /// <summary>start → review (extra task extensions) → approve → end; <paramref name="processExtensions"/> go on the process.</summary>
    public static string ReviewApprove(string taskExtensions = "", string processExtensions = "", string id = "invoice") => Head + $"""
        <bpmn:process id="{id}" name="Invoice approval" isExecutable="true">
          <bpmn:extensionElements>{processExtensions}</bpmn:extensionElements>
          <bpmn:startEvent id="start" />
          <bpmn:userTask id="review" name="Review invoice">
            <bpmn:extensionElements><zeebe:userTask />{taskExtensions}</bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:userTask id="approve" name="Approve invoice">
            <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
        </bpmn:process></bpmn:definitions>
        """;

    public const string FormSchema = """{"id":"invoice-form","type":"default","components":[{"type":"textfield","key":"amount","label":"Amount"}]}""";

    public static string FormJson(string formId, string label) =>
        $$"""{"id":"{{formId}}","type":"default","components":[{"type":"textfield","key":"amount","label":"{{label}}"}]}""";

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object? body) =>
        client.PatchAsync(url, body is null ? null : JsonContent.Create(body));

    public static Task<HttpResponseMessage> PatchRawAsync(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts Tasklist's error body (<c>status</c>, <c>message</c>, <c>instance</c> uuid) as problem+json; returns the message.</summary>
    public static async Task<string> IsTasklistErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? messageContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.True(Guid.TryParse(body.GetProperty("instance").GetString(), out _), text);
        Assert.False(body.TryGetProperty("title", out _), text);
        var message = body.GetProperty("message").GetString()!;
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, message, StringComparison.OrdinalIgnoreCase);
        }

        return message;
    }

    /// <summary>Asserts a task-rule error: the message is <c>{"title": code, "detail": …}</c>.</summary>
    public static async Task IsTasklistCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var message = await IsTasklistErrorAsync(response, status);
        var coded = JsonSerializer.Deserialize<JsonElement>(message);
        Assert.Equal(code, coded.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(coded.GetProperty("detail").GetString()));
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null! : element.GetProperty(property).GetString()!;
}
