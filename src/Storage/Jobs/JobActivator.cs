using System.Globalization;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Runtime;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Jobs;

/// <summary>
/// Hands activatable jobs to workers: each queue row is locked with its ETag (<c>LockedUntil = now + timeout</c>,
/// <c>Worker</c>), so two workers never get the same job while the lock lasts; a lock that ran out makes the job
/// activatable again. Completing, failing or throwing an error goes through the <see cref="CommandProcessor"/>.
/// </summary>
public sealed class JobActivator(TaskHub hub, TimeProvider time)
{
    public const int MaxJobsPerRequest = 1000;

    public async Task<IReadOnlyList<ActivatedJob>> ActivateJobsAsync(
        string type, string worker, TimeSpan timeout, int maxJobs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(worker);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxJobs, MaxJobsPerRequest);

        var now = time.GetUtcNow();
        var deadline = now + timeout;
        var pk = JobQueue.EscapeType(type);
        var activated = new List<ActivatedJob>();
        try
        {
            await foreach (var row in hub.Jobs.QueryAsync(
                TableFilter.Create($"PartitionKey eq {pk} and LockedUntil le {now}"), maxPerPage: Math.Min(1000, maxJobs * 2), cancellationToken: cancellationToken)
                .ConfigureAwait(false))
            {
                if (activated.Count >= maxJobs)
                {
                    break;
                }

                if (await TryLockAsync(row, worker, deadline, cancellationToken).ConfigureAwait(false) is { } job)
                {
                    activated.Add(new ActivatedJob(job, worker, deadline));
                }
            }
        }
        catch (TableRequestFailedException ex) when (ex.Kind == TableErrorKind.Unavailable)
        {
            throw new StorageUnavailableException("Could not activate jobs: storage is unavailable.", ex);
        }

        return activated;
    }

    private async Task<Job?> TryLockAsync(TableEntity row, string worker, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var jobKey = long.Parse(row.RowKey!, CultureInfo.InvariantCulture);
        var instanceKey = row.GetInt64("ProcessInstanceKey") ?? 0;
        var job = await InstanceStore.ReadCommittedJobAsync(hub.Instances, instanceKey, jobKey, cancellationToken).ConfigureAwait(false);
        if (job is null || job.State != JobState.Activatable)
        {
            // The queue row outlived its job (the projection of its end has not arrived yet, or was lost).
            return null;
        }

        try
        {
            await hub.Jobs.UpdateEntityAsync(
                new TableEntity(row.PartitionKey!, row.RowKey!) { ["LockedUntil"] = deadline, ["Worker"] = worker },
                row.ETag,
                TableUpdateMode.Merge,
                cancellationToken).ConfigureAwait(false);
            return job;
        }
        catch (TableRequestFailedException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            // Another worker locked it first, or the job ended meanwhile.
            return null;
        }
    }
}
