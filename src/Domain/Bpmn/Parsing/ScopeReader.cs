using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Reads the flow nodes and sequence flows directly inside a process or sub-process, connects them, and validates
/// the scope's structure.
/// </summary>
internal static class ScopeReader
{
    /// <summary>Documentation-only content of a scope (annotations, groups, lanes, data objects).</summary>
    public static readonly string[] Artifacts =
    [
        "textAnnotation", "association", "group", "dataObject", "dataObjectReference", "dataStoreReference", "laneSet",
    ];

    public static string[] ScopeChildren { get; } =
        [.. FlowNodeReader.Supported, .. FlowNodeReader.Unsupported, "sequenceFlow", .. Artifacts];

    public static FlowScope Read(ProcessContext process, XElement scope, string scopeId)
    {
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var flowElements = new List<XElement>();
        foreach (var child in scope.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn))
        {
            var name = child.Name.LocalName;
            if (name == "sequenceFlow")
                flowElements.Add(child);
            else if (FlowNodeReader.IsFlowNode(name) && FlowNodeReader.Read(process, child, scopeId) is { } node)
                nodes.TryAdd(node.Id, node);
        }

        var flows = SequenceFlowReader.Read(process, flowElements, nodes, scopeId);
        var wired = Wire(process.Context, nodes, flows.Values.Select(f => f.Flow).ToList());
        var startEvent = ScopeValidator.Validate(process.Context, scope, wired, flows);

        foreach (var node in wired.Values)
            process.FlowNodes.TryAdd(node.Id, node);
        foreach (var (id, flow) in flows)
            process.SequenceFlows.TryAdd(id, flow.Flow);

        return new FlowScope
        {
            Id = scopeId,
            StartEvent = startEvent ?? new StartEvent { Id = scopeId, ElementType = "startEvent", ScopeId = scopeId },
            FlowNodes = wired,
            SequenceFlows = flows.ToDictionary(f => f.Key, f => f.Value.Flow, StringComparer.Ordinal),
        };
    }

    /// <summary>Gives every node its incoming and outgoing flows and every activity its boundary events.</summary>
    private static Dictionary<string, FlowNode> Wire(ParseContext context, Dictionary<string, FlowNode> nodes, IReadOnlyList<SequenceFlow> flows)
    {
        var incoming = flows.ToLookup(f => f.TargetId, StringComparer.Ordinal);
        var outgoing = flows.ToLookup(f => f.SourceId, StringComparer.Ordinal);
        var wired = nodes.Values.ToDictionary(
            n => n.Id,
            n => n with { Incoming = incoming[n.Id].ToList(), Outgoing = outgoing[n.Id].ToList() },
            StringComparer.Ordinal);

        var boundaryEvents = wired.Values.OfType<BoundaryEvent>().ToList();
        foreach (var boundary in boundaryEvents.Where(b => b.AttachedToId.Length > 0))
        {
            if (!wired.TryGetValue(boundary.AttachedToId, out var target))
            {
                context.Report(new BpmnProblem(boundary.Id, boundary.ElementType, boundary.Line,
                    $"attachedToRef '{boundary.AttachedToId}' does not name an activity in the same scope."));
            }
            // An unsupported activity (call activity, receive task, ...) is already reported itself; a boundary event
            // on it is no second problem. Other unsupported nodes are stood in for by a task, so check their kind.
            else if (!FlowNodeReader.UnsupportedActivities.Contains(target.ElementType)
                     && (target is not Activity || FlowNodeReader.Unsupported.Contains(target.ElementType)))
            {
                context.Report(new BpmnProblem(boundary.Id, boundary.ElementType, boundary.Line,
                    $"A boundary event can only be attached to an activity, not to {target.ElementType} '{target.Id}'."));
            }
        }

        var attached = boundaryEvents.ToLookup(b => b.AttachedToId, StringComparer.Ordinal);
        foreach (var activity in wired.Values.OfType<Activity>().ToList())
        {
            if (attached[activity.Id].Any())
                wired[activity.Id] = activity with { BoundaryEvents = attached[activity.Id].ToList() };
        }

        return wired;
    }
}
