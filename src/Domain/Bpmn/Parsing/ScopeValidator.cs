using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// The structural rules of one scope: one none start event, ends without outgoing flows, gateway conditions and
/// defaults, boundary events that lead somewhere, and every node reachable from the start.
/// </summary>
internal static class ScopeValidator
{
    /// <summary>Validates the wired scope; returns its none start event when there is exactly one.</summary>
    public static StartEvent? Validate(
        ParseContext context,
        XElement scope,
        IReadOnlyDictionary<string, FlowNode> nodes,
        IReadOnlyDictionary<string, SequenceFlowReader.ParsedFlow> flows)
    {
        var starts = nodes.Values.OfType<StartEvent>().OrderBy(s => s.Line).ToList();
        if (starts.Count == 0)
            context.Report(scope, $"{ParseContext.Describe(scope)} has no none start event; exactly one is required.");
        foreach (var extra in starts.Skip(1))
            Report(context, extra, $"{ParseContext.Describe(scope)} has more than one none start event; exactly one is allowed.");

        foreach (var node in nodes.Values)
            ValidateNode(context, node, flows);

        foreach (var (_, parsed) in flows)
            ValidateCondition(context, parsed, nodes);

        if (starts.Count > 0)
            ValidateReachability(context, nodes, starts);

        return starts.Count == 1 ? starts[0] : null;
    }

    private static void ValidateNode(ParseContext context, FlowNode node, IReadOnlyDictionary<string, SequenceFlowReader.ParsedFlow> flows)
    {
        switch (node)
        {
            case StartEvent when node.Incoming.Count > 0:
                Report(context, node, "A start event cannot have incoming sequence flows.");
                break;
            case EndEvent when node.Outgoing.Count > 0:
                Report(context, node, $"An end event cannot have outgoing sequence flows ({string.Join(", ", node.Outgoing.Select(f => f.Id))}).");
                break;
            case BoundaryEvent boundary:
                if (boundary.Outgoing.Count == 0)
                    Report(context, node, "A boundary event needs at least one outgoing sequence flow.");
                if (boundary.Incoming.Count > 0)
                    Report(context, node, "A boundary event cannot have incoming sequence flows.");
                break;
            case ExclusiveGateway exclusive:
                ValidateGateway(context, node, exclusive.DefaultFlowId, flows);
                break;
            case InclusiveGateway inclusive:
                ValidateGateway(context, node, inclusive.DefaultFlowId, flows);
                break;
            case Activity activity:
                ValidateErrorBoundaries(context, activity);
                break;
        }
    }

    private static void ValidateGateway(
        ParseContext context,
        FlowNode gateway,
        string? defaultFlowId,
        IReadOnlyDictionary<string, SequenceFlowReader.ParsedFlow> flows)
    {
        if (defaultFlowId is not null && gateway.Outgoing.All(f => f.Id != defaultFlowId))
            Report(context, gateway, $"The default flow '{defaultFlowId}' is not an outgoing sequence flow of this gateway.");

        foreach (var flow in gateway.Outgoing)
        {
            var element = flows[flow.Id].Element;
            if (flow.IsDefault && element.Element(BpmnNamespaces.Name("conditionExpression")) is { } condition)
                context.Report(element, $"The default flow of {gateway.ElementType} '{gateway.Id}' cannot have a condition.", condition);
            else if (gateway.Outgoing.Count > 1 && !flow.IsDefault && element.Element(BpmnNamespaces.Name("conditionExpression")) is null)
                context.Report(element, $"This flow leaves {gateway.ElementType} '{gateway.Id}', which has several outgoing flows; it needs a condition or must be the gateway's default flow.");
        }
    }

    private static void ValidateCondition(ParseContext context, SequenceFlowReader.ParsedFlow parsed, IReadOnlyDictionary<string, FlowNode> nodes)
    {
        if (parsed.Element.Element(BpmnNamespaces.Name("conditionExpression")) is not { } condition)
            return;

        var source = nodes[parsed.Flow.SourceId];
        if (source is not (ExclusiveGateway or InclusiveGateway))
        {
            context.Report(parsed.Element,
                $"Conditions are only supported on flows leaving an exclusive or inclusive gateway, not {source.ElementType} '{source.Id}'.", condition);
        }
    }

    private static void ValidateErrorBoundaries(ParseContext context, Activity activity)
    {
        var errorEvents = activity.BoundaryEvents.OfType<ErrorBoundaryEvent>().ToList();
        foreach (var duplicate in errorEvents.Where(e => e.IsCatchAll).Skip(1))
            Report(context, duplicate, $"{activity.ElementType} '{activity.Id}' already has an error boundary event that catches every error.");

        foreach (var group in errorEvents.Where(e => e.Error?.ErrorCode is not null).GroupBy(e => e.Error!.ErrorCode, StringComparer.Ordinal))
        {
            foreach (var duplicate in group.Skip(1))
                Report(context, duplicate, $"{activity.ElementType} '{activity.Id}' already has an error boundary event for error code '{group.Key}'.");
        }
    }

    private static void ValidateReachability(ParseContext context, IReadOnlyDictionary<string, FlowNode> nodes, IReadOnlyList<StartEvent> starts)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FlowNode>(starts);
        while (pending.TryDequeue(out var node))
        {
            if (!reached.Add(node.Id))
                continue;

            foreach (var flow in node.Outgoing)
                pending.Enqueue(nodes[flow.TargetId]);
            if (node is Activity activity)
            {
                foreach (var boundary in activity.BoundaryEvents)
                    pending.Enqueue(nodes[boundary.Id]);
            }
        }

        // An element already rejected (e.g. an event sub-process) would only repeat its problem as "unreachable".
        foreach (var node in nodes.Values.Where(n => !reached.Contains(n.Id) && !context.HasProblem(n.Id)).OrderBy(n => n.Line))
            Report(context, node, "This element cannot be reached from the start event of its scope.");
    }

    private static void Report(ParseContext context, FlowNode node, string reason) =>
        context.Report(new BpmnProblem(node.Id, node.ElementType, node.Line, reason));
}
