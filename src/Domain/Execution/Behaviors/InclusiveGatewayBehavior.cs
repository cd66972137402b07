using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Forks on every outgoing flow whose condition is true (flows without a condition count as true), else the default
/// flow, else an incident. Joining is done by <see cref="InclusiveJoin"/> before the gateway is activated.
/// </summary>
internal sealed class InclusiveGatewayBehavior : IElementBehavior
{
    public static readonly InclusiveGatewayBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var gateway = (InclusiveGateway)node;
        var chosen = new List<SequenceFlow>();
        foreach (var flow in gateway.Outgoing.Where(f => f.Id != gateway.DefaultFlowId))
        {
            var result = GatewayConditions.Evaluate(session, element, flow);
            if (result is null)
            {
                return;
            }

            if (result.Value)
            {
                chosen.Add(flow);
            }
        }

        if (chosen.Count == 0 && gateway.Outgoing.FirstOrDefault(f => f.Id == gateway.DefaultFlowId) is { } fallback)
        {
            chosen.Add(fallback);
        }

        if (chosen.Count == 0 && gateway.Outgoing.Count > 0)
        {
            GatewayConditions.RaiseNoMatch(session, element, gateway);
            return;
        }

        TokenFlow.MarkActive(session, element);
        TokenFlow.Complete(session, element.Key, chosen);
    }
}
