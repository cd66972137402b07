using Azure;

namespace TaskFunctions.Storage.Timers;

/// <summary>A due timer as read, with what the trigger needs to claim and delete it safely.</summary>
internal sealed record DueTimerRow(
    DurableTimer Timer, string PartitionKey, string RowKey, ETag ETag, string? ClaimedBy, DateTimeOffset? ClaimedUntil)
{
    /// <summary>Whether some host (this one included) still owns the timer at <paramref name="now"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => ClaimedBy is not null && ClaimedUntil > now;
}
