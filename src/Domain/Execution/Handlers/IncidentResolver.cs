namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Resolving an incident retries the step that failed: the activation or completion of the element, the job (once
/// it has retries), or — for a user task that failed or was canceled — a fresh user task for the element.
/// </summary>
internal static class IncidentResolver
{
    public static DomainError? Resolve(ExecutionSession session, ResolveIncident command)
    {
        if (!session.Incidents.TryGetValue(command.IncidentKey, out var incident))
        {
            return ExecutionErrors.IncidentNotFound(command.IncidentKey);
        }

        if (incident.JobKey is { } jobKey && session.Jobs.TryGetValue(jobKey, out var job))
        {
            if (incident.ErrorType == IncidentErrorType.JobNoRetries && job.Retries <= 0)
            {
                return ExecutionErrors.IncidentNeedsRetries(incident, job);
            }

            Incidents.Close(session, incident);
            JobCommandHandler.Reactivate(session, job);
            return null;
        }

        Incidents.Close(session, incident);
        if (!session.Elements.TryGetValue(incident.ElementInstanceKey, out var element))
        {
            return null;
        }

        if (incident.UserTaskKey is not null)
        {
            // The task ended (failed or canceled) without the token moving on: activate the element again.
            element = session.Update(element with { Phase = ElementInstancePhase.Activating, UserTaskKey = null });
        }

        if (element.Phase == ElementInstancePhase.Completing)
        {
            TokenFlow.Complete(session, element.Key);
        }
        else
        {
            TokenFlow.RunActivation(session, element.Key);
        }

        return null;
    }
}
