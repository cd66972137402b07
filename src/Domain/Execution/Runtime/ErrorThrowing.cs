using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Throws a BPMN error from an element instance: the nearest enclosing activity (the element itself first, then its
/// sub-processes outwards) with an error boundary event for the code — an exact match before a catch-all — catches
/// it. Inner instances of a multi-instance activity are caught by the boundary events of its body.
/// </summary>
internal static class ErrorThrowing
{
    /// <summary>Returns false when nothing catches the error; the caller raises the incident.</summary>
    public static bool TryThrow(ExecutionSession session, ElementInstance thrower, string errorCode, string? message, JsonObject? variables)
    {
        session.Emit(ProcessEventType.ErrorThrown, thrower, new JsonObject { ["errorCode"] = errorCode, ["errorMessage"] = message });
        long? current = thrower.Key;
        while (current is { } key && session.Elements.TryGetValue(key, out var element))
        {
            if (!element.IsMultiInstanceInner
                && session.Definition.FlowNodes.TryGetValue(element.ElementId, out var node)
                && node is Activity activity
                && FindCatch(activity, errorCode) is { } boundary)
            {
                session.Emit(
                    ProcessEventType.ErrorCaught,
                    element,
                    new JsonObject { ["errorCode"] = errorCode, ["boundaryEventId"] = boundary.Id });
                BoundaryTrigger.Trigger(
                    session,
                    element,
                    boundary,
                    variables,
                    $"interrupted by error boundary {BoundaryTrigger.Describe(boundary)}");
                return true;
            }

            current = element.FlowScopeKey;
        }

        return false;
    }

    private static ErrorBoundaryEvent? FindCatch(Activity activity, string errorCode)
    {
        var boundaries = activity.BoundaryEvents.OfType<ErrorBoundaryEvent>().ToList();
        return boundaries.FirstOrDefault(b => b.Error?.ErrorCode == errorCode) ?? boundaries.FirstOrDefault(b => b.IsCatchAll);
    }
}
