using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>How an instance ends: completed when no token is left, or canceled. Process variables stay readable.</summary>
internal static class InstanceEnd
{
    public static void Complete(ExecutionSession session, ElementInstance root)
    {
        Finish(session);
        session.Elements.Remove(root.Key);
        session.Status = ProcessInstanceStatus.Completed;
        session.EndedAt = session.Now;
        session.Emit(ProcessEventType.ProcessInstanceCompleted, root, new JsonObject { ["bpmnProcessId"] = root.ElementId });
    }

    public static void Cancel(ExecutionSession session)
    {
        var root = session.Elements[session.InstanceKey];
        const string Reason = "process instance canceled";
        Termination.TerminateChildren(session, root.Key, null, Reason);
        Finish(session);
        Incidents.CloseFor(session, root.Key);
        session.Elements.Remove(root.Key);
        session.Status = ProcessInstanceStatus.Canceled;
        session.EndedAt = session.Now;
        session.Emit(ProcessEventType.ProcessInstanceCanceled, root, new JsonObject { ["bpmnProcessId"] = root.ElementId });
    }

    // Nothing may outlive the instance: a timer or job left behind would fire into an ended instance.
    private static void Finish(ExecutionSession session)
    {
        foreach (var timer in session.Timers.Keys.ToList())
        {
            Timers.Cancel(session, timer);
        }

        foreach (var job in session.Jobs.Values.Where(j => j.State == JobState.Activatable).ToList())
        {
            JobBehavior.CancelJob(session, job.JobKey);
        }

        foreach (var incident in session.Incidents.Values.ToList())
        {
            Incidents.Close(session, incident);
        }

        session.Agenda.Clear();
    }
}
