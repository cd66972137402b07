using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads one executable <c>process</c> element into a <see cref="ProcessDefinition"/>.</summary>
internal static class ProcessReader
{
    public static ProcessDefinition Read(ParseContext context, XElement element, string processId)
    {
        AttributeGuard.Check(context, element, AttributeGuard.CamundaProcessAttributes);
        ChildGuard.Check(context, element, ScopeReader.ScopeChildren);
        var extensions = ExtensionElements.Read(context, element, ["versionTag", "userTaskForm"], repeatable: ["userTaskForm"]);
        var process = new ProcessContext(context, processId, ProcessContext.MapScopes(element));
        ReadEmbeddedForms(process, element, extensions);

        string? versionTag = null;
        if (extensions.Zeebe("versionTag") is { } tag)
        {
            process.Values(element).CheckAttributes(tag, "value");
            versionTag = tag.Attribute("value")?.Value.Trim();
            if (string.IsNullOrEmpty(versionTag))
                context.Report(element, "zeebe:versionTag needs a non-empty value.", tag);
        }

        if (element.Attribute(BpmnNamespaces.Camunda + "versionTag") is { } camundaTag && !string.IsNullOrWhiteSpace(camundaTag.Value))
        {
            if (versionTag is not null)
                context.Report(element, "The version tag is set twice, by zeebe:versionTag and camunda:versionTag; keep one.", camundaTag);
            versionTag ??= camundaTag.Value.Trim();
        }

        var scope = ScopeReader.Read(process, element, processId);
        return new ProcessDefinition
        {
            BpmnProcessId = processId,
            Name = element.Attribute("name")?.Value,
            VersionTag = versionTag,
            Scope = scope,
            FlowNodes = process.FlowNodes,
            SequenceFlows = process.SequenceFlows,
            Errors = new Dictionary<string, BpmnError>(context.Errors, StringComparer.Ordinal),
            EmbeddedForms = process.EmbeddedForms,
            Properties = extensions.Properties(context, element),
        };
    }

    private static void ReadEmbeddedForms(ProcessContext process, XElement element, ExtensionElements extensions)
    {
        foreach (var form in extensions.ZeebeAll("userTaskForm"))
        {
            process.Values(element).CheckAttributes(form, "id");
            var id = form.Attribute("id")?.Value.Trim();
            if (string.IsNullOrEmpty(id))
                process.Context.Report(element, "zeebe:userTaskForm needs an id (referenced as camunda-forms:bpmn:<id>).", form);
            else if (string.IsNullOrWhiteSpace(form.Value))
                process.Context.Report(element, $"The embedded form '{id}' is empty; it must contain the form's JSON.", form);
            else if (!process.EmbeddedForms.TryAdd(id, new EmbeddedForm(id, form.Value.Trim())))
                process.Context.Report(element, $"The embedded form id '{id}' is used more than once.", form);
        }
    }
}
