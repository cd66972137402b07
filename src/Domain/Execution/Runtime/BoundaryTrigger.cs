using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Sends a token out of a boundary event. An interrupting event first terminates the activity it is attached to;
/// the token is queued before, so the enclosing scope never looks empty in between.
/// </summary>
internal static class BoundaryTrigger
{
    public static void Trigger(
        ExecutionSession session,
        ElementInstance activity,
        BoundaryEvent boundary,
        JsonObject? variables,
        string reason)
    {
        session.Agenda.Enqueue(new ActivateElement(activity.FlowScopeKey!.Value, boundary.Id, null, LocalVariables: variables));
        if (boundary.CancelActivity)
        {
            Termination.Terminate(session, activity.Key, reason);
        }
    }

    public static string Describe(FlowNode node) => node.Name is { Length: > 0 } name ? $"{node.Id} ({name})" : node.Id;
}
