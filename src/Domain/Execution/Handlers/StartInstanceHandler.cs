using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>Creates the process scope with the start variables and sends a token to the start event.</summary>
internal static class StartInstanceHandler
{
    public static void Handle(ExecutionSession session, StartInstance command)
    {
        var root = session.Update(new ElementInstance
        {
            Key = session.InstanceKey,
            ElementId = session.Definition.BpmnProcessId,
            Phase = ElementInstancePhase.Active,
        });
        session.Variables[root.Key] = [];
        session.Emit(
            ProcessEventType.ProcessInstanceStarted,
            root,
            new JsonObject
            {
                ["bpmnProcessId"] = session.Definition.BpmnProcessId,
                ["processDefinitionKey"] = session.ProcessDefinitionKey,
                ["version"] = session.ProcessDefinitionVersion,
            });
        foreach (var (name, value) in command.Variables ?? [])
        {
            VariableScopes.SetLocal(session, root.Key, name, value);
        }

        session.Agenda.Enqueue(new ActivateElement(root.Key, session.Definition.Scope.StartEvent.Id, null));
    }
}
