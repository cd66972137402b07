using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Starts the child scope at its start event; the sub-process completes when its last token is gone.</summary>
internal sealed class SubProcessBehavior : IElementBehavior
{
    public static readonly SubProcessBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var subProcess = (SubProcess)node;
        element = TokenFlow.MarkActive(session, element);
        session.Agenda.Enqueue(new ActivateElement(element.Key, subProcess.Scope.StartEvent.Id, null));
    }
}
