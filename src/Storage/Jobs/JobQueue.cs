using System.Globalization;
using System.Text;
using TaskFunctions.Storage.Instances;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Jobs;

/// <summary>
/// The activatable jobs by type in <c>{hub}Jobs</c>: PartitionKey = the escaped job type, RowKey = the job key,
/// columns <c>ProcessInstanceKey</c>, <c>ActivatableAt</c>, <c>LockedUntil</c> (the job can be activated once
/// it is past) and <c>Worker</c> (who activated it last). Projected from the outbox (JobCreated → row, JobCanceled → no row); the job row in the
/// instance partition stays the truth.
/// </summary>
public sealed class JobQueue(TaskHub hub)
{
    public TableClient Table => hub.Jobs;

    /// <summary>Applies one outbox job change; idempotent.</summary>
    public async Task ProjectAsync(long processInstanceKey, OutboxJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var pk = EscapeType(job.JobType);
        var rk = job.JobKey.ToString(CultureInfo.InvariantCulture);
        if (job.ActivatableAt is not { } activatableAt)
        {
            await hub.Jobs.DeleteEntityAsync(pk, rk, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        // Replace drops a lock of an earlier activation: the job was offered again (after a failure with retries).
        await hub.Jobs.UpsertEntityAsync(
            new TableEntity(pk, rk)
            {
                ["ProcessInstanceKey"] = processInstanceKey,
                ["ActivatableAt"] = activatableAt,
                // One column decides activatability (a missing column never matches a filter): a job is free when
                // its lock ran out, and a fresh job's "lock" ends when it becomes activatable.
                ["LockedUntil"] = activatableAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reversible escaping of a job type for a PartitionKey: <c>%</c>, <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and
    /// control characters become <c>%XX</c>.
    /// </summary>
    public static string EscapeType(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        return TableKeys.EscapeValue(type);
    }
}
