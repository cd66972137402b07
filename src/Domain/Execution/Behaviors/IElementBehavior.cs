using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// What one kind of element does once its instance is created and its input mappings and boundary timers are in
/// place: complete right away, wait (for a person, worker or timer), or raise an incident.
/// </summary>
internal interface IElementBehavior
{
    void Activate(ExecutionSession session, ElementInstance element, FlowNode node);
}
