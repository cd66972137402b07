using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Keeps the pending timers and the runtime's timer rows in step: every schedule and cancel is an effect.</summary>
internal static class Timers
{
    public static string BpmnTimerId(long elementInstanceKey, string eventId) => $"{elementInstanceKey}:{eventId}";

    public static string DueDateTimerId(long userTaskKey) => $"{userTaskKey}:due";

    public static string FollowUpTimerId(long userTaskKey) => $"{userTaskKey}:followUp";

    public static void Schedule(ExecutionSession session, PendingTimer timer)
    {
        session.Timers[timer.TimerId] = timer;
        session.AddEffect(new ScheduleTimer(timer.TimerId, timer.DueAt, timer.Token, timer.Kind, timer.ElementInstanceKey, timer.UserTaskKey));
        session.Emit(
            ProcessEventType.TimerScheduled,
            session.Elements.GetValueOrDefault(timer.ElementInstanceKey),
            new JsonObject { ["kind"] = timer.Kind.ToString(), ["dueAt"] = timer.DueAt, ["eventId"] = timer.ElementId },
            userTaskKey: timer.UserTaskKey,
            timerId: timer.TimerId);
    }

    /// <summary>Schedules a BPMN timer (catch or boundary event) of an element instance.</summary>
    public static void ScheduleBpmn(ExecutionSession session, ElementInstance element, string eventId, TimerSchedule schedule) =>
        Schedule(session, new PendingTimer
        {
            TimerId = BpmnTimerId(element.Key, eventId),
            Token = session.NextToken(),
            DueAt = schedule.DueAt,
            Kind = ScheduledTimerKind.BpmnTimer,
            ElementInstanceKey = element.Key,
            ElementId = eventId,
            RemainingRepetitions = schedule.Repetitions,
            Interval = schedule.Interval,
        });

    public static void Cancel(ExecutionSession session, string timerId)
    {
        if (!session.Timers.Remove(timerId, out var timer))
        {
            return;
        }

        session.AddEffect(new CancelTimer(timerId));
        session.Emit(
            ProcessEventType.TimerCanceled,
            session.Elements.GetValueOrDefault(timer.ElementInstanceKey),
            new JsonObject { ["kind"] = timer.Kind.ToString(), ["eventId"] = timer.ElementId },
            userTaskKey: timer.UserTaskKey,
            timerId: timerId);
    }

    /// <summary>Cancels every timer that belongs to an element instance (its boundary timers, catch timer, task dates).</summary>
    public static void CancelFor(ExecutionSession session, long elementInstanceKey)
    {
        foreach (var timer in session.Timers.Values.Where(t => t.ElementInstanceKey == elementInstanceKey).ToList())
        {
            Cancel(session, timer.TimerId);
        }
    }

    /// <summary>Opens the timer boundary events of an activity; false (with an incident) when a timer expression fails.</summary>
    public static bool OpenBoundaryTimers(ExecutionSession session, ElementInstance element, Activity activity)
    {
        var schedules = new List<(TimerBoundaryEvent Event, TimerSchedule Schedule)>();
        foreach (var boundary in activity.BoundaryEvents.OfType<TimerBoundaryEvent>())
        {
            if (!TimerSchedule.TryCompute(session, element.Key, boundary.Timer, out var schedule, out var failure))
            {
                Incidents.Raise(session, element, IncidentErrorType.ExtractValueError, failure!);
                return false;
            }

            schedules.Add((boundary, schedule!));
        }

        foreach (var (boundary, schedule) in schedules)
        {
            ScheduleBpmn(session, element, boundary.Id, schedule);
        }

        return true;
    }
}
