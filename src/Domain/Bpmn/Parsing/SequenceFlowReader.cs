using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads the sequence flows of one scope and resolves their source and target within that scope.</summary>
internal static class SequenceFlowReader
{
    /// <summary>A flow together with its element, kept for locating later problems.</summary>
    public sealed record ParsedFlow(SequenceFlow Flow, XElement Element);

    public static Dictionary<string, ParsedFlow> Read(
        ProcessContext process,
        IEnumerable<XElement> elements,
        IReadOnlyDictionary<string, FlowNode> nodes,
        string scopeId)
    {
        var context = process.Context;
        var flows = new Dictionary<string, ParsedFlow>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (ElementInfo.Read(context, element, scopeId) is not { } info)
                continue;

            AttributeGuard.Check(context, element);
            ChildGuard.Check(context, element, "conditionExpression");
            var properties = ExtensionElements.Read(context, element, []).Properties(context, element);
            var source = Resolve(process, element, "sourceRef", nodes, scopeId);
            var target = Resolve(process, element, "targetRef", nodes, scopeId);
            var condition = Condition(process.Values(element), element);
            if (source is null || target is null)
                continue;

            var isDefault = source switch
            {
                ExclusiveGateway g => g.DefaultFlowId == info.Id,
                InclusiveGateway g => g.DefaultFlowId == info.Id,
                _ => false,
            };
            flows.TryAdd(info.Id, new ParsedFlow(new SequenceFlow(info.Id, info.Name, source.Id, target.Id, condition, isDefault) { Properties = properties }, element));
        }

        return flows;
    }

    private static FlowNode? Resolve(ProcessContext process, XElement flow, string attribute, IReadOnlyDictionary<string, FlowNode> nodes, string scopeId)
    {
        var reference = flow.Attribute(attribute)?.Value.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            process.Context.Report(flow, $"The sequence flow has no {attribute}.");
            return null;
        }

        if (nodes.TryGetValue(reference, out var node))
            return node;

        process.Context.Report(flow, process.ScopeOfId.TryGetValue(reference, out var otherScope) && otherScope != scopeId
            ? $"{attribute} '{reference}' is in scope '{otherScope}', but the flow is in scope '{scopeId}'; sequence flows cannot cross a sub-process or pool boundary."
            : $"{attribute} '{reference}' does not name a flow node of scope '{scopeId}'.");
        return null;
    }

    private static BpmnExpression? Condition(ValueReader values, XElement flow)
    {
        var condition = flow.Element(BpmnNamespaces.Name("conditionExpression"));
        if (condition is null)
            return null;

        if (condition.Attribute("language")?.Value is { Length: > 0 } language && !language.Contains("feel", StringComparison.OrdinalIgnoreCase))
        {
            values.Report($"Condition language '{language}' is not supported; conditions are FEEL expressions starting with '='.", condition);
            return null;
        }

        if (string.IsNullOrWhiteSpace(condition.Value))
        {
            values.Report("The conditionExpression is empty; write a FEEL expression starting with '=' or remove it.", condition);
            return null;
        }

        return values.Expression(condition.Value, "The condition", condition);
    }
}
