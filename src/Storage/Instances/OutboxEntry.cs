using System.Text.Json;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Storage.Instances;

/// <summary>
/// What a committed command still has to project: its changed user tasks (to the task index), timer changes (to
/// the timers table, with the due date a cancel or reschedule replaces, since timer rows are keyed by due time) and
/// job queue changes. Committed in the same transaction as the instance row, projected right after, and finished by
/// the sweeper if the host crashed in between.
/// </summary>
public sealed record OutboxEntry
{
    public required long Sequence { get; init; }

    public required string CommandId { get; init; }

    public IReadOnlyList<long> UserTaskKeys { get; init; } = [];

    public IReadOnlyList<OutboxTimer> Timers { get; init; } = [];

    public IReadOnlyList<OutboxJob> Jobs { get; init; } = [];

    public bool IsEmpty => UserTaskKeys.Count == 0 && Timers.Count == 0 && Jobs.Count == 0;

    public static string Serialize(OutboxEntry entry) => JsonSerializer.Serialize(entry, InstanceRows.EventOptions);

    public static OutboxEntry Deserialize(string json) =>
        JsonSerializer.Deserialize<OutboxEntry>(json, InstanceRows.EventOptions) ?? throw new JsonException("Expected an outbox entry, got null.");

    /// <summary>Builds the entry of a command from its effects and the timers pending before it.</summary>
    public static OutboxEntry From(string commandId, ExecutionResult result, IEnumerable<PendingTimer> timersBefore)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(timersBefore);
        var previousDue = timersBefore.ToDictionary(t => t.TimerId, t => t.DueAt, StringComparer.Ordinal);
        var timers = new List<OutboxTimer>();
        var jobs = new List<OutboxJob>();
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case ScheduleTimer s:
                    timers.Add(new OutboxTimer(s.TimerId, s.DueAt, s.Token, s.Kind, PreviousDueAt(previousDue, s.TimerId)));
                    previousDue[s.TimerId] = s.DueAt;
                    break;
                case CancelTimer c:
                    timers.Add(new OutboxTimer(c.TimerId, null, null, default, PreviousDueAt(previousDue, c.TimerId)));
                    previousDue.Remove(c.TimerId);
                    break;
                case JobCreated j:
                    jobs.Add(new OutboxJob(j.JobKey, j.JobType, j.ActivatableAt));
                    break;
                case JobCanceled j:
                    jobs.Add(new OutboxJob(j.JobKey, j.JobType, null));
                    break;
            }
        }

        return new OutboxEntry
        {
            Sequence = result.Instance!.State.Sequence,
            CommandId = commandId,
            UserTaskKeys = result.ChangedUserTaskKeys,
            Timers = timers,
            Jobs = jobs,
        };
    }

    private static DateTimeOffset? PreviousDueAt(Dictionary<string, DateTimeOffset> due, string timerId) =>
        due.TryGetValue(timerId, out var at) ? at : null;
}

/// <summary>A timer change: schedule (with <see cref="DueAt"/> and <see cref="Token"/>) or cancel (without).</summary>
public sealed record OutboxTimer(string TimerId, DateTimeOffset? DueAt, string? Token, ScheduledTimerKind Kind, DateTimeOffset? PreviousDueAt)
{
    public bool IsCancel => DueAt is null;
}

/// <summary>A job queue change: activatable from <see cref="ActivatableAt"/>, or withdrawn (null).</summary>
public sealed record OutboxJob(long JobKey, string JobType, DateTimeOffset? ActivatableAt);
