using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Start events, <c>task</c>/<c>manualTask</c>, none throw events and triggered boundary events: nothing to wait
/// for, the token moves on.
/// </summary>
internal sealed class PassThroughBehavior : IElementBehavior
{
    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node) =>
        TokenFlow.CompleteLater(session, TokenFlow.MarkActive(session, element));
}
