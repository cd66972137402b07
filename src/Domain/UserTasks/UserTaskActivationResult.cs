using System.Diagnostics.CodeAnalysis;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// The answer of <see cref="UserTaskActivation.Activate"/>: the new task with its events and the timers to schedule
/// (<see cref="UserTaskOutcome.DueDateChanged"/>, <see cref="UserTaskOutcome.FollowUpDateChanged"/>), or the message of
/// the incident to raise when an expression gave an unusable value (the task is then not created).
/// </summary>
public sealed record UserTaskActivationResult
{
    private UserTaskActivationResult(UserTask? task, IReadOnlyList<UserTaskEvent> events, IReadOnlyList<UserTaskOutcome> outcomes, string? incident)
    {
        Task = task;
        Events = events;
        Outcomes = outcomes;
        Incident = incident;
    }

    public UserTask? Task { get; }

    public IReadOnlyList<UserTaskEvent> Events { get; }

    public IReadOnlyList<UserTaskOutcome> Outcomes { get; }

    /// <summary>Why the task could not be created, naming the element and the expression.</summary>
    public string? Incident { get; }

    [MemberNotNullWhen(true, nameof(Task))]
    [MemberNotNullWhen(false, nameof(Incident))]
    public bool IsSuccess => Incident is null;

    public static UserTaskActivationResult Created(UserTask task, IReadOnlyList<UserTaskEvent> events, IReadOnlyList<UserTaskOutcome> outcomes) =>
        new(task, events, outcomes, null);

    public static UserTaskActivationResult Failed(string incident) => new(null, [], [], incident);
}
