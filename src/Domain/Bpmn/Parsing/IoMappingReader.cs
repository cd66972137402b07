using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads <c>zeebe:ioMapping</c> with its <c>zeebe:input</c> and <c>zeebe:output</c> children.</summary>
internal static class IoMappingReader
{
    public static IoMapping Read(ValueReader values, ExtensionElements extensions, bool allowInputs = true)
    {
        if (extensions.Zeebe("ioMapping") is not { } element)
            return IoMapping.Empty;

        values.CheckAttributes(element);
        var inputs = new List<VariableMapping>();
        var outputs = new List<VariableMapping>();
        foreach (var child in element.Elements())
        {
            var isInput = child.Name == BpmnNamespaces.Zeebe + "input";
            var isOutput = child.Name == BpmnNamespaces.Zeebe + "output";
            if (!isInput && !isOutput)
            {
                values.Report($"zeebe:ioMapping may only contain zeebe:input and zeebe:output, not {child.Name.LocalName}.", child);
                continue;
            }

            if (isInput && !allowInputs)
            {
                values.Report($"Input mappings are not supported on {values.Owner.Name.LocalName}; only zeebe:output is.", child);
                continue;
            }

            if (Mapping(values, child) is { } mapping)
                (isInput ? inputs : outputs).Add(mapping);
        }

        return new IoMapping(inputs, outputs);
    }

    private static VariableMapping? Mapping(ValueReader values, XElement mapping)
    {
        var kind = mapping.Name.LocalName;
        values.CheckAttributes(mapping, "source", "target");
        var target = values.Required(mapping, "target", $"The target variable of a zeebe:{kind}");
        var sourceText = mapping.Attribute("source")?.Value;
        if (string.IsNullOrWhiteSpace(sourceText))
        {
            values.Report($"The source of the zeebe:{kind} for '{target}' is missing.", mapping);
            return null;
        }

        var source = values.String(sourceText, $"The source of the zeebe:{kind} for '{target}'", mapping);
        return source is null || target is null ? null : new VariableMapping(source, target);
    }
}
