using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// An inclusive gateway with several incoming flows fires when every incoming flow either has a token or can no
/// longer get one: no token of the scope (element instance, queued token or waiting join) sits at an element from
/// which the flow is reachable. Checked only when nothing else is left to do in the command, so tokens in flight
/// are never overlooked.
/// </summary>
internal static class InclusiveJoin
{
    public static bool TryFireWaiting(ExecutionSession session)
    {
        foreach (var scope in session.Elements.Values.Where(e => e.JoinArrivals.Count > 0).ToList())
        {
            foreach (var flowId in scope.JoinArrivals.Distinct(StringComparer.Ordinal).ToList())
            {
                var gateway = session.Definition.FlowNodes[session.Definition.SequenceFlows[flowId].TargetId];
                if (gateway is InclusiveGateway && CanFire(session, scope, gateway))
                {
                    var arrived = gateway.Incoming.Select(f => f.Id).Where(scope.JoinArrivals.Contains).Distinct(StringComparer.Ordinal);
                    session.Update(scope with { JoinArrivals = ParallelJoin.Consume(scope.JoinArrivals, arrived) });
                    TokenFlow.CreateAndActivate(session, scope.Key, gateway, incomingFlowId: null);
                    return true;
                }
            }
        }

        return false;
    }

    private static bool CanFire(ExecutionSession session, ElementInstance scope, FlowNode gateway)
    {
        var occupied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in session.ChildrenOf(scope.Key))
        {
            occupied.Add(child.ElementId);
            if (session.Definition.FlowNodes[child.ElementId] is Activity activity)
            {
                // A boundary event of a waiting activity may still send a token.
                occupied.UnionWith(activity.BoundaryEvents.Select(b => b.Id));
            }
        }

        occupied.UnionWith(session.Agenda.PendingElementIdsIn(scope.Key));
        foreach (var flowId in scope.JoinArrivals)
        {
            var target = session.Definition.SequenceFlows[flowId].TargetId;
            if (target != gateway.Id)
            {
                occupied.Add(target);
            }
        }

        foreach (var flow in gateway.Incoming)
        {
            if (!scope.JoinArrivals.Contains(flow.Id) && Reaches(session, flow.SourceId, gateway.Id, occupied))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a token at one of <paramref name="occupied"/> can reach <paramref name="sourceId"/> without passing the gateway.</summary>
    private static bool Reaches(ExecutionSession session, string sourceId, string gatewayId, HashSet<string> occupied)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { sourceId };
        var queue = new Queue<string>([sourceId]);
        while (queue.TryDequeue(out var id))
        {
            if (occupied.Contains(id))
            {
                return true;
            }

            var node = session.Definition.FlowNodes[id];
            var predecessors = node.Incoming.Select(f => f.SourceId);
            if (node is BoundaryEvent boundary)
            {
                predecessors = predecessors.Append(boundary.AttachedToId);
            }

            foreach (var previous in predecessors)
            {
                if (previous != gatewayId && seen.Add(previous))
                {
                    queue.Enqueue(previous);
                }
            }
        }

        return false;
    }
}
