using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reports child elements of a flow element that the engine would not honour.</summary>
internal static class ChildGuard
{
    // Documentation, and the data-flow notation Modeler draws, which carries no execution semantics in Camunda 8.
    private static readonly HashSet<string> Inert =
    [
        "documentation", "extensionElements", "incoming", "outgoing",
        "ioSpecification", "dataInputAssociation", "dataOutputAssociation", "property",
    ];

    public static void Check(ParseContext context, XElement element, params string[] handled)
    {
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name.Namespace == BpmnNamespaces.Bpmn && (Inert.Contains(name) || handled.Contains(name)))
                continue;

            context.Report(element, Reason(element, child, handled), child);
        }
    }

    private static string Reason(XElement element, XElement child, string[] handled)
    {
        var name = child.Name.LocalName;
        var owner = element.Name.LocalName;
        if (child.Name.Namespace != BpmnNamespaces.Bpmn)
            return $"The element {{{child.Name.NamespaceName}}}{name} is not allowed inside {owner}; extensions belong in extensionElements.";

        var allowedEvents = handled.Where(h => h.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        return name switch
        {
            _ when name.EndsWith("EventDefinition", StringComparison.Ordinal) || name == "eventDefinitionRef" =>
                $"{name} is not supported on {owner}; supported: " +
                (allowedEvents.Count == 0 ? "none (no event definition)" : string.Join(", ", allowedEvents)) + ".",
            "standardLoopCharacteristics" => "Standard loops (standardLoopCharacteristics) are not supported; use multiInstanceLoopCharacteristics.",
            "multiInstanceLoopCharacteristics" => $"Multi-instance is not supported on {owner}.",
            "script" => "Inline scripts (bpmn:script) are not supported; use zeebe:script with a FEEL expression.",
            "conditionExpression" => $"conditionExpression is not supported on {owner}.",
            _ => $"The element {name} is not supported inside {owner}.",
        };
    }
}
