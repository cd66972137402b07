using System.Text.Json.Nodes;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Reacts to a due timer: completes a catch event, triggers a boundary event (rescheduling a cycle), or marks a user
/// task overdue / follow-up due. An unknown timer or an old token is a stale firing and changes nothing.
/// </summary>
internal static class TimerFiredHandler
{
    public static DomainError? Handle(ExecutionSession session, TimerFired command)
    {
        if (!session.Timers.TryGetValue(command.TimerId, out var timer)
            || !string.Equals(timer.Token, command.Token, StringComparison.Ordinal)
            || !session.Elements.TryGetValue(timer.ElementInstanceKey, out var element))
        {
            return null;
        }

        session.Timers.Remove(timer.TimerId);
        session.Emit(
            ProcessEventType.TimerFired,
            element,
            new JsonObject { ["kind"] = timer.Kind.ToString(), ["dueAt"] = timer.DueAt, ["eventId"] = timer.ElementId },
            userTaskKey: timer.UserTaskKey,
            timerId: timer.TimerId,
            actor: Caller.SystemActor);
        switch (timer.Kind)
        {
            case ScheduledTimerKind.DueDate or ScheduledTimerKind.FollowUp:
                return FireTaskDate(session, timer);
            default:
                FireBpmnTimer(session, timer, element);
                return null;
        }
    }

    private static DomainError? FireTaskDate(ExecutionSession session, PendingTimer timer)
    {
        if (timer.UserTaskKey is not { } key || !session.UserTasks.TryGetValue(key, out var task))
        {
            return null;
        }

        UserTaskCommand command = timer.Kind == ScheduledTimerKind.DueDate
            ? new UserTaskCommand.MarkOverdue(timer.Token)
            : new UserTaskCommand.MarkFollowUpDue(timer.Token);
        return UserTaskBehavior.Apply(session, task, command, Caller.System);
    }

    private static void FireBpmnTimer(ExecutionSession session, PendingTimer timer, ElementInstance element)
    {
        switch (session.Definition.FlowNodes[timer.ElementId])
        {
            case IntermediateTimerCatchEvent:
                TokenFlow.CompleteLater(session, element);
                break;
            case TimerBoundaryEvent boundary:
                if (!boundary.CancelActivity && timer.Interval is { } interval && timer.RemainingRepetitions is not 1
                    && TimerSchedule.TryAdd(interval, timer.DueAt, out var next, out _))
                {
                    Timers.Schedule(session, timer with
                    {
                        Token = session.NextToken(),
                        DueAt = next,
                        RemainingRepetitions = timer.RemainingRepetitions - 1,
                    });
                }

                BoundaryTrigger.Trigger(
                    session,
                    element,
                    boundary,
                    null,
                    $"interrupted by timer boundary {BoundaryTrigger.Describe(boundary)}");
                break;
        }
    }
}
