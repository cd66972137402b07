using System.Diagnostics.CodeAnalysis;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The answer of <see cref="UserTaskLifecycle.Apply"/>: the task after the command (the same instance when nothing
/// changed), the events to append to the history, and the outcomes the interpreter and runtime must act on — or the
/// <see cref="DomainError"/> that rejected the command, in which case nothing changed.
/// </summary>
public sealed record UserTaskCommandResult
{
    private UserTaskCommandResult(UserTask? task, bool changed, IReadOnlyList<UserTaskEvent> events, IReadOnlyList<UserTaskOutcome> outcomes, DomainError? error)
    {
        Task = task;
        Changed = changed;
        Events = events;
        Outcomes = outcomes;
        Error = error;
    }

    /// <summary>The task after the command; null when rejected.</summary>
    public UserTask? Task { get; }

    /// <summary>True when the command changed the task (and <see cref="Events"/> is not empty).</summary>
    public bool Changed { get; }

    public IReadOnlyList<UserTaskEvent> Events { get; }

    /// <summary>What to do next; empty when there is nothing beyond storing the task (Camunda's "none").</summary>
    public IReadOnlyList<UserTaskOutcome> Outcomes { get; }

    public DomainError? Error { get; }

    [MemberNotNullWhen(true, nameof(Task))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A command that was accepted but changed nothing (a repeat, a stale timer, the same assignee).</summary>
    public static UserTaskCommandResult Unchanged(UserTask task) => new(task, false, [], [], null);

    public static UserTaskCommandResult ChangedTo(UserTask task, IReadOnlyList<UserTaskEvent> events, IReadOnlyList<UserTaskOutcome> outcomes) =>
        new(task, true, events, outcomes, null);

    public static UserTaskCommandResult Rejected(DomainError error) => new(null, false, [], [], error);
}
