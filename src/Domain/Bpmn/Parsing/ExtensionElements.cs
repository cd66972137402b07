using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// The <c>extensionElements</c> of one BPMN element, checked against what the engine honours for that element:
/// anything else is reported, never skipped.
/// </summary>
internal sealed class ExtensionElements
{
    private readonly Dictionary<string, List<XElement>> _zeebe;

    private ExtensionElements(Dictionary<string, List<XElement>> zeebe, XElement? fleansExpectedOutputs)
    {
        _zeebe = zeebe;
        FleansExpectedOutputs = fleansExpectedOutputs;
    }

    public XElement? FleansExpectedOutputs { get; }

    public XElement? Zeebe(string localName) => _zeebe.TryGetValue(localName, out var list) ? list[0] : null;

    public IReadOnlyList<XElement> ZeebeAll(string localName) => _zeebe.TryGetValue(localName, out var list) ? list : [];

    // allowed: the zeebe:* local names honoured on this element (properties is always allowed);
    // repeatable: those that may occur more than once; allowExpectedOutputs: fleans:expectedOutputs (user tasks).
    public static ExtensionElements Read(
        ParseContext context,
        XElement owner,
        IReadOnlyCollection<string> allowed,
        IReadOnlyCollection<string>? repeatable = null,
        bool allowExpectedOutputs = false)
    {
        var container = owner.Elements(BpmnNamespaces.Name("extensionElements")).ToList();
        XElement? expectedOutputs = null;
        var result = new Dictionary<string, List<XElement>>(StringComparer.Ordinal);
        foreach (var extension in container.Skip(1))
            context.Report(owner, "extensionElements may occur only once.", extension);

        foreach (var child in container.FirstOrDefault()?.Elements() ?? [])
        {
            var ns = child.Name.Namespace;
            var name = child.Name.LocalName;
            if (ns == BpmnNamespaces.Zeebe)
            {
                if (name != "properties" && !allowed.Contains(name))
                {
                    context.Report(owner, UnsupportedZeebe(owner, name, allowed), child);
                    continue;
                }

                if (!result.TryGetValue(name, out var list))
                    result[name] = list = [];
                else if (repeatable?.Contains(name) != true)
                {
                    context.Report(owner, $"zeebe:{name} may occur only once.", child);
                    continue;
                }

                list.Add(child);
            }
            else if (BpmnNamespaces.IsFleans(ns, child) && name == "expectedOutputs" && allowExpectedOutputs)
            {
                if (expectedOutputs is not null)
                    context.Report(owner, "fleans:expectedOutputs may occur only once.", child);
                expectedOutputs ??= child;
            }
            else if (ns == BpmnNamespaces.Camunda)
            {
                context.Report(owner, $"The Camunda 7 extension element camunda:{name} is not supported; use the zeebe:* equivalent ({string.Join(", ", Allowed(allowed))}).", child);
            }
            else
            {
                context.Report(owner, $"The extension element {Prefixed(child)} is not supported on {owner.Name.LocalName}; allowed: {string.Join(", ", Allowed(allowed, allowExpectedOutputs))}.", child);
            }
        }

        return new ExtensionElements(result, expectedOutputs);
    }

    /// <summary>Reads <c>zeebe:properties</c>: named metadata without behaviour.</summary>
    public IReadOnlyDictionary<string, string> Properties(ParseContext context, XElement owner)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Zeebe("properties") is not { } element)
            return properties;

        foreach (var property in element.Elements())
        {
            if (property.Name != BpmnNamespaces.Zeebe + "property")
            {
                context.Report(owner, $"zeebe:properties may only contain zeebe:property, not {property.Name.LocalName}.", property);
                continue;
            }

            var name = property.Attribute("name")?.Value;
            if (string.IsNullOrWhiteSpace(name))
                context.Report(owner, "zeebe:property needs a 'name'.", property);
            else if (!properties.TryAdd(name, property.Attribute("value")?.Value ?? ""))
                context.Report(owner, $"zeebe:property '{name}' is defined more than once.", property);
        }

        return properties;
    }

    /// <summary>Reads <c>zeebe:taskHeaders</c>: static key/value pairs handed to workers and task UIs.</summary>
    public IReadOnlyDictionary<string, string> Headers(ParseContext context, XElement owner)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Zeebe("taskHeaders") is not { } element)
            return headers;

        foreach (var header in element.Elements())
        {
            if (header.Name != BpmnNamespaces.Zeebe + "header")
            {
                context.Report(owner, $"zeebe:taskHeaders may only contain zeebe:header, not {header.Name.LocalName}.", header);
                continue;
            }

            var key = header.Attribute("key")?.Value;
            if (string.IsNullOrWhiteSpace(key))
                context.Report(owner, "zeebe:header needs a 'key'.", header);
            else if (!headers.TryAdd(key, header.Attribute("value")?.Value ?? ""))
                context.Report(owner, $"zeebe:header '{key}' is defined more than once.", header);
        }

        return headers;
    }

    private static string UnsupportedZeebe(XElement owner, string name, IReadOnlyCollection<string> allowed)
    {
        var what = name switch
        {
            "calledElement" => "zeebe:calledElement (call activities) is not supported",
            "calledDecision" => "zeebe:calledDecision (DMN decisions) is not supported",
            "subscription" => "zeebe:subscription (message correlation) is not supported",
            "executionListeners" => "zeebe:executionListeners is not supported",
            "formDefinition" when owner.Name.LocalName == "startEvent" => "Start forms (zeebe:formDefinition on a start event) are not supported",
            _ => $"The extension element zeebe:{name} is not supported on {owner.Name.LocalName}",
        };
        return $"{what}; allowed here: {string.Join(", ", Allowed(allowed))}.";
    }

    private static IEnumerable<string> Allowed(IReadOnlyCollection<string> allowed, bool expectedOutputs = false) =>
        allowed.Append("properties").Distinct().Select(a => "zeebe:" + a)
            .Concat(expectedOutputs ? ["fleans:expectedOutputs"] : []);

    private static string Prefixed(XElement element) =>
        element.GetPrefixOfNamespace(element.Name.Namespace) is { Length: > 0 } prefix
            ? $"{prefix}:{element.Name.LocalName}"
            : $"{{{element.Name.NamespaceName}}}{element.Name.LocalName}";
}
