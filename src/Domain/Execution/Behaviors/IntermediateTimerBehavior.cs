using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Execution;

/// <summary>Schedules the timer and waits; <see cref="TimerFired"/> completes the event.</summary>
internal sealed class IntermediateTimerBehavior : IElementBehavior
{
    public static readonly IntermediateTimerBehavior Instance = new();

    public void Activate(ExecutionSession session, ElementInstance element, FlowNode node)
    {
        var catchEvent = (IntermediateTimerCatchEvent)node;
        if (!TimerSchedule.TryCompute(session, element.Key, catchEvent.Timer, out var schedule, out var failure))
        {
            Incidents.Raise(session, element, IncidentErrorType.ExtractValueError, failure!);
            return;
        }

        element = TokenFlow.MarkActive(session, element);
        // A catch event fires once, even for a cycle.
        Timers.ScheduleBpmn(session, element, node.Id, schedule! with { Repetitions = null, Interval = null });
    }
}
