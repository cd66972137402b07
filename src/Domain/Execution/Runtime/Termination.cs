namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Ends element instances without completing them (boundary events, terminate end events, cancellation): children
/// first, then the element's user task, job, timers and incidents.
/// </summary>
internal static class Termination
{
    public static void Terminate(ExecutionSession session, long elementInstanceKey, string reason)
    {
        if (!session.Elements.TryGetValue(elementInstanceKey, out var element))
        {
            return;
        }

        session.Agenda.RemoveActivationsIn(elementInstanceKey);
        foreach (var child in session.ChildrenOf(elementInstanceKey).Reverse())
        {
            Terminate(session, child.Key, reason);
        }

        element = session.Elements[elementInstanceKey];
        if (element.UserTaskKey is { } userTaskKey)
        {
            UserTaskBehavior.CancelTask(session, userTaskKey, reason);
        }

        if (element.JobKey is { } jobKey)
        {
            JobBehavior.CancelJob(session, jobKey);
        }

        Timers.CancelFor(session, element.Key);
        Incidents.CloseFor(session, element.Key);
        TokenFlow.Remove(session, element, ProcessEventType.ElementTerminated);
    }

    /// <summary>Terminates every token of a scope except <paramref name="exceptKey"/> (the terminate end event itself).</summary>
    public static void TerminateChildren(ExecutionSession session, long scopeKey, long? exceptKey, string reason)
    {
        session.Agenda.RemoveActivationsIn(scopeKey);
        foreach (var child in session.ChildrenOf(scopeKey).Reverse())
        {
            if (child.Key != exceptKey)
            {
                Terminate(session, child.Key, reason);
            }
        }

        session.Update(session.Elements[scopeKey] with { JoinArrivals = [] });
    }
}
