using System.Globalization;
using System.Security;
using System.Text;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Storage.Tests.Definitions;

/// <summary>Small BPMN files and forms for the definition store tests, built from a few parameters.</summary>
internal static class DefinitionSamples
{
    /// <summary>
    /// A process with one user task. <paramref name="marker"/> changes the content (and so the checksum) without
    /// changing the process; <paramref name="padding"/> adds that many characters of documentation.
    /// </summary>
    public static string ProcessXml(
        string processId,
        string? marker = null,
        string? versionTag = null,
        string formDefinition = "",
        string embeddedForm = "",
        int padding = 0,
        string? name = null)
    {
        var tag = versionTag is null ? "" : $"<zeebe:versionTag value=\"{Escape(versionTag)}\" />";
        var documentation = padding > 0 ? $"<bpmn:documentation>{new string('x', padding)}</bpmn:documentation>" : "";
        var nameAttribute = name is null ? "" : $" name=\"{Escape(name)}\"";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
              <!-- {Escape(marker ?? "")} -->
              <bpmn:process id="{Escape(processId)}"{nameAttribute} isExecutable="true">
                <bpmn:extensionElements>{tag}{embeddedForm}</bpmn:extensionElements>
                {documentation}
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="review">
                  <bpmn:extensionElements>
                    <zeebe:userTask />
                    {formDefinition}
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
    }

    public static DeploymentResource Process(string processId, string? marker = null, string resourceName = "", string? versionTag = null) =>
        Resource(resourceName.Length > 0 ? resourceName : processId + ".bpmn", ProcessXml(processId, marker, versionTag));

    /// <summary>A form with one required text field; <paramref name="label"/> changes the content.</summary>
    public static string FormJson(string formId, string label = "Amount", string? versionTag = null)
    {
        var tag = versionTag is null ? "" : $"\"versionTag\": \"{versionTag}\",";
        return $$"""
            {
              "id": "{{formId}}",
              {{tag}}
              "type": "default",
              "schemaVersion": 16,
              "components": [
                { "type": "textfield", "key": "amount", "label": "{{label}}", "validate": { "required": true } }
              ]
            }
            """;
    }

    public static DeploymentResource Form(string formId, string label = "Amount", string? versionTag = null, string resourceName = "") =>
        Resource(resourceName.Length > 0 ? resourceName : formId + ".form", FormJson(formId, label, versionTag));

    public static DeploymentResource Resource(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    /// <summary>A process whose user task links <paramref name="formId"/> with the given binding.</summary>
    public static DeploymentResource LinkedProcess(string processId, string formId, string bindingType, string? versionTag = null, string? marker = null)
    {
        var tag = versionTag is null ? "" : $" versionTag=\"{versionTag}\"";
        var definition = $"<zeebe:formDefinition formId=\"{formId}\" bindingType=\"{bindingType}\"{tag} />";
        return Resource(processId + ".bpmn", ProcessXml(processId, marker, formDefinition: definition));
    }

    public static string Numbered(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) => SecurityElement.Escape(value);
}
