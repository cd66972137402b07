using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// None end: the token is consumed. Error end: the error is thrown to the enclosing activities (an incident when
/// none catches it). Terminate end: every other token of the scope is terminated and the scope completes.
/// </summary>
internal sealed class EndEventBehavior : IElementBehavior
{
    public static readonly EndEventBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var end = (EndEvent)node;
        switch (end.Kind)
        {
            case EndEventKind.Error:
                var code = end.Error?.ErrorCode ?? end.Error?.Id ?? end.Id;
                if (!ErrorThrowing.TryThrow(session, element, code, end.Error?.Name, null))
                {
                    Incidents.Raise(
                        session,
                        element,
                        IncidentErrorType.UnhandledErrorEvent,
                        $"The error '{code}' thrown by end event '{end.Id}' was not caught by any error boundary event.",
                        errorCode: code);
                }

                return;
            case EndEventKind.Terminate:
                Termination.TerminateChildren(
                    session,
                    element.FlowScopeKey!.Value,
                    element.Key,
                    $"terminated by end event {BoundaryTrigger.Describe(end)}");
                TokenFlow.CompleteLater(session, TokenFlow.MarkActive(session, element));
                return;
            default:
                TokenFlow.CompleteLater(session, TokenFlow.MarkActive(session, element));
                return;
        }
    }
}
