namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Stopping a branch: what a user task canceled by a person does to its token. The element is terminated and no
/// path leaves it — no error path, no outgoing flow. A scope left with no work is terminated in turn, never
/// completed, so nothing downstream of a stopped branch runs; when the last branch of the instance stops, the
/// instance ends as canceled.
/// </summary>
internal static class Branches
{
    public static void Stop(ExecutionSession session, ElementInstance element, string reason)
    {
        var scopeKey = element.FlowScopeKey;
        Termination.Terminate(session, element.Key, reason);
        if (element.IsMultiInstanceInner)
        {
            MultiInstanceBehavior.AfterInnerCanceled(session, scopeKey!.Value);
            return;
        }

        while (scopeKey is { } key && session.Elements.TryGetValue(key, out var scope) && IsEmpty(session, scope))
        {
            if (scope.FlowScopeKey is null)
            {
                InstanceEnd.Cancel(session);
                return;
            }

            if (scope.IsMultiInstanceInner)
            {
                Termination.Terminate(session, scope.Key, reason);
                MultiInstanceBehavior.AfterInnerCanceled(session, scope.FlowScopeKey.Value);
                return;
            }

            scopeKey = scope.FlowScopeKey;
            Termination.Terminate(session, scope.Key, reason);
        }
    }

    // A scope still has work while it has tokens, activations queued, or tokens waiting at a join.
    private static bool IsEmpty(ExecutionSession session, ElementInstance scope) =>
        scope.JoinArrivals.Count == 0
        && !session.Elements.Values.Any(e => e.FlowScopeKey == scope.Key)
        && !session.Agenda.HasActivationIn(scope.Key);
}
