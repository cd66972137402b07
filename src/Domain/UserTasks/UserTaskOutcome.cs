using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// What the interpreter or the runtime must do after a command or an activation: continue the process, route a
/// failure, stop the branch, (re)schedule a timer or follow an escalation. A result carries a list; an empty list means
/// there is nothing to do beyond storing the task.
/// </summary>
public abstract record UserTaskOutcome
{
    private UserTaskOutcome()
    {
    }

    /// <summary>The task completed: merge <see cref="Variables"/> into the process and continue the token.</summary>
    public sealed record Completed(JsonObject Variables) : UserTaskOutcome;

    /// <summary>The task failed: raise a BPMN error with <see cref="ErrorCode"/> (error boundary, else an incident).</summary>
    public sealed record Failed(string? ErrorCode, string ErrorMessage) : UserTaskOutcome;

    /// <summary>The task was canceled: the branch stops, no error path is taken.</summary>
    public sealed record Canceled(string? Reason) : UserTaskOutcome;

    /// <summary>
    /// The due date is new or changed: schedule a timer at <see cref="DueDate"/> carrying <see cref="TimerToken"/>
    /// (null date and token: the due date was cleared; any scheduled timer is now stale).
    /// </summary>
    public sealed record DueDateChanged(DateTimeOffset? DueDate, string? TimerToken) : UserTaskOutcome;

    /// <summary>The follow-up date is new or changed; as <see cref="DueDateChanged"/>.</summary>
    public sealed record FollowUpDateChanged(DateTimeOffset? FollowUpDate, string? TimerToken) : UserTaskOutcome;

    /// <summary>The task became overdue: the interpreter may follow due-date paths of the task (timer boundary events).</summary>
    public sealed record Escalated(DateTimeOffset DueDate) : UserTaskOutcome;

    /// <summary>The follow-up date passed.</summary>
    public sealed record FollowUpDue(DateTimeOffset FollowUpDate) : UserTaskOutcome;
}
