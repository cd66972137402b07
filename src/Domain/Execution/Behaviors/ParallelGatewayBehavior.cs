using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Forks onto every outgoing flow. Joining is done by <see cref="ParallelJoin"/> before the gateway is activated.</summary>
internal sealed class ParallelGatewayBehavior : IElementBehavior
{
    public static readonly ParallelGatewayBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        TokenFlow.MarkActive(session, element);
        TokenFlow.Complete(session, element.Key, node.Outgoing);
    }
}
