namespace TaskFunctions.Domain.Execution;

/// <summary>What a persisted timer triggers when it fires.</summary>
public enum ScheduledTimerKind
{
    /// <summary>A BPMN timer: an intermediate timer catch event or a timer boundary event.</summary>
    BpmnTimer,

    /// <summary>The due date of a user task (marks it overdue).</summary>
    DueDate,

    /// <summary>The follow-up date of a user task.</summary>
    FollowUp,
}
