using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>Raises and closes incidents. An incident never changes the instance status: it stays active and inspectable.</summary>
internal static class Incidents
{
    public static Incident Raise(
        ExecutionSession session,
        ElementInstance element,
        IncidentErrorType type,
        string message,
        long? jobKey = null,
        long? userTaskKey = null,
        string? errorCode = null)
    {
        var incident = new Incident
        {
            Key = session.NextKey(),
            ErrorType = type,
            Message = message,
            ElementInstanceKey = element.Key,
            ElementId = element.ElementId,
            CreatedAt = session.Now,
            JobKey = jobKey,
            UserTaskKey = userTaskKey,
            ErrorCode = errorCode,
        };
        session.Incidents[incident.Key] = incident;
        session.Emit(
            ProcessEventType.IncidentRaised,
            element,
            new JsonObject { ["errorType"] = type.ToString(), ["message"] = message, ["errorCode"] = errorCode },
            userTaskKey: userTaskKey,
            jobKey: jobKey,
            incidentKey: incident.Key);
        return incident;
    }

    public static void Close(ExecutionSession session, Incident incident)
    {
        session.Incidents.Remove(incident.Key);
        session.Emit(
            ProcessEventType.IncidentResolved,
            session.Elements.GetValueOrDefault(incident.ElementInstanceKey),
            new JsonObject { ["errorType"] = incident.ErrorType.ToString() },
            jobKey: incident.JobKey,
            userTaskKey: incident.UserTaskKey,
            incidentKey: incident.Key);
    }

    /// <summary>Incidents of an element that is terminated are resolved with it, as Zeebe does.</summary>
    public static void CloseFor(ExecutionSession session, long elementInstanceKey)
    {
        foreach (var incident in session.Incidents.Values.Where(i => i.ElementInstanceKey == elementInstanceKey).ToList())
        {
            Close(session, incident);
        }
    }
}
