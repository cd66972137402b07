using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads the form reference of a user task from <c>zeebe:formDefinition</c> or <c>camunda:formKey</c>.</summary>
internal static class FormReader
{
    public static FormReference? Read(ProcessContext process, ValueReader values, XElement? definition)
    {
        var camundaFormKey = values.Owner.Attribute(BpmnNamespaces.Camunda + "formKey");
        if (definition is not null && camundaFormKey is not null)
        {
            values.Report("The form is set twice, by zeebe:formDefinition and camunda:formKey; keep one.", camundaFormKey);
            return null;
        }

        if (camundaFormKey is not null)
            return FormKey(process, values, camundaFormKey.Value, camundaFormKey);

        if (definition is null)
            return null;

        values.CheckAttributes(definition, "formId", "bindingType", "versionTag", "externalReference", "formKey");
        var formId = definition.Attribute("formId")?.Value.Trim();
        var externalReference = definition.Attribute("externalReference")?.Value;
        var formKey = definition.Attribute("formKey")?.Value;
        var set = new[] { formId, externalReference, formKey }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (set != 1)
        {
            values.Report($"zeebe:formDefinition needs exactly one of formId, externalReference or formKey; found {set}.", definition);
            return null;
        }

        if (!string.IsNullOrWhiteSpace(formId))
            return Linked(values, definition, formId);

        if (!string.IsNullOrWhiteSpace(definition.Attribute("bindingType")?.Value))
            values.Report("bindingType only applies to a form linked by formId.", definition);

        if (!string.IsNullOrWhiteSpace(externalReference))
        {
            return values.String(externalReference, "The form's externalReference", definition) is { } reference
                ? new CustomFormReference(reference)
                : null;
        }

        return FormKey(process, values, formKey!, definition);
    }

    private static LinkedFormReference? Linked(ValueReader values, XElement definition, string formId)
    {
        var bindingText = definition.Attribute("bindingType")?.Value.Trim();
        FormBindingType? binding = bindingText switch
        {
            null or "" or "latest" => FormBindingType.Latest,
            "deployment" => FormBindingType.Deployment,
            "versionTag" => FormBindingType.VersionTag,
            _ => null,
        };
        if (binding is null)
        {
            values.Report($"The form bindingType must be latest, deployment or versionTag, got '{bindingText}'.", definition);
            return null;
        }

        var versionTag = definition.Attribute("versionTag")?.Value.Trim();
        if (binding == FormBindingType.VersionTag && string.IsNullOrEmpty(versionTag))
        {
            values.Report("bindingType=\"versionTag\" needs a versionTag attribute.", definition);
            return null;
        }

        if (binding != FormBindingType.VersionTag && !string.IsNullOrEmpty(versionTag))
        {
            values.Report("versionTag only applies with bindingType=\"versionTag\".", definition);
            return null;
        }

        return new LinkedFormReference(formId, binding.Value, binding == FormBindingType.VersionTag ? versionTag : null);
    }

    private static FormReference? FormKey(ProcessContext process, ValueReader values, string formKey, XObject at)
    {
        var key = formKey.Trim();
        if (!key.StartsWith(EmbeddedFormReference.KeyPrefix, StringComparison.Ordinal))
            return values.String(key, "The formKey", at) is { } custom ? new CustomFormReference(custom) : null;

        var id = key[EmbeddedFormReference.KeyPrefix.Length..];
        if (process.EmbeddedForms.TryGetValue(id, out var form))
            return new EmbeddedFormReference(key, form);

        values.Report($"The formKey '{key}' refers to an embedded form '{id}', but the process has no zeebe:userTaskForm with that id.", at);
        return null;
    }
}
