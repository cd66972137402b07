using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Jobs;
using TaskFunctions.Storage.TaskIndex;
using TaskFunctions.Storage.Tables;
using TaskFunctions.Storage.Timers;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Carries out a committed outbox entry: changed user tasks → task index (version-guarded, so projecting the
/// current row is always right), timer changes → timers table (cancel at the previous due time, schedule at the
/// new), job changes → job queue; then deletes the outbox row. Every step is idempotent, so a projection
/// interrupted anywhere can simply run again.
/// </summary>
public sealed class OutboxProjector(TaskHub hub, UserTaskIndex index, TimerStore timers, JobQueue jobs)
{
    private const int Parallelism = 16;

    /// <summary>Projects <paramref name="entry"/>; <paramref name="tasks"/> are the committed tasks when the caller has them (others are read from their rows).</summary>
    public async Task ProjectAsync(
        long processInstanceKey, OutboxEntry entry, IReadOnlyDictionary<long, UserTask>? tasks, CancellationToken cancellationToken)
    {
        await ApplyAsync(processInstanceKey, entry, tasks, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(processInstanceKey, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the outbox row of a projected entry (a row already gone is fine).</summary>
    public async Task DeleteAsync(long processInstanceKey, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await hub.Instances.DeleteEntityAsync(
            InstanceRows.PartitionKey(processInstanceKey), InstanceRows.OutboxRowKey(entry.Sequence), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries out <paramref name="entry"/> without deleting its outbox row (<see cref="DeleteAsync"/> does that once it is done).</summary>
    public async Task ApplyAsync(
        long processInstanceKey, OutboxEntry entry, IReadOnlyDictionary<long, UserTask>? tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(entry.UserTaskKeys, options, async (key, ct) =>
        {
            var task = tasks is not null && tasks.TryGetValue(key, out var known)
                ? known
                : await InstanceStore.ReadCommittedTaskAsync(hub.Instances, processInstanceKey, key, ct).ConfigureAwait(false);
            if (task is not null)
            {
                await index.ProjectAsync(task, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // Changes of one timer must apply in order; different timers are independent.
        await Parallel.ForEachAsync(entry.Timers.GroupBy(t => t.TimerId, StringComparer.Ordinal), options, async (changes, ct) =>
        {
            foreach (var change in changes)
            {
                if (change.PreviousDueAt is { } previous && (change.IsCancel || previous != change.DueAt))
                {
                    await timers.CancelAsync(processInstanceKey, change.TimerId, previous, ct).ConfigureAwait(false);
                }

                if (!change.IsCancel)
                {
                    await timers.ScheduleAsync(
                        new DurableTimer(processInstanceKey, change.TimerId, change.DueAt!.Value, change.Token!, change.Kind), ct).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);

        await Parallel.ForEachAsync(entry.Jobs.GroupBy(j => j.JobKey), options, async (changes, ct) =>
        {
            foreach (var change in changes)
            {
                await jobs.ProjectAsync(processInstanceKey, change, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}
