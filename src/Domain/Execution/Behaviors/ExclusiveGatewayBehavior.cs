using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Takes the first outgoing flow (in document order) whose condition is true, else the default flow, else an incident.</summary>
internal sealed class ExclusiveGatewayBehavior : IElementBehavior
{
    public static readonly ExclusiveGatewayBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var gateway = (ExclusiveGateway)node;
        SequenceFlow? chosen = null;
        if (gateway.Outgoing.Count == 1 && gateway.Outgoing[0].Condition is null)
        {
            chosen = gateway.Outgoing[0];
        }
        else
        {
            foreach (var flow in gateway.Outgoing.Where(f => f.Id != gateway.DefaultFlowId))
            {
                var result = GatewayConditions.Evaluate(session, element, flow);
                if (result is null)
                {
                    return;
                }

                if (result.Value)
                {
                    chosen = flow;
                    break;
                }
            }

            chosen ??= gateway.Outgoing.FirstOrDefault(f => f.Id == gateway.DefaultFlowId);
        }

        if (chosen is null)
        {
            GatewayConditions.RaiseNoMatch(session, element, gateway);
            return;
        }

        TokenFlow.MarkActive(session, element);
        TokenFlow.Complete(session, element.Key, [chosen]);
    }
}
