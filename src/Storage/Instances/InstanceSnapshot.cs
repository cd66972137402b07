using Azure;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Storage.Instances;

/// <summary>
/// An instance as read for a command: its state with the user tasks and jobs that were read (not necessarily all of
/// them), and the ETag of the instance row that guards the commit.
/// </summary>
public sealed record InstanceSnapshot(ProcessInstance Instance, ETag ETag, string? LastCommandId, bool HasAllRows)
{
    public long ProcessInstanceKey => Instance.ProcessInstanceKey;

    public long Sequence => Instance.State.Sequence;

    /// <summary>The commit sequence of the committed content of each task and job row read, by row key.</summary>
    public IReadOnlyDictionary<string, long> RowSequences { get; init; } = new Dictionary<string, long>();

    /// <summary>The stage id each task or job row read still carries (rows written by an oversized command), by row key.</summary>
    public IReadOnlyDictionary<string, string> RowStages { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage ids with a <c>commit-{stageId}</c> row: stages of oversized commands that committed.</summary>
    public IReadOnlySet<string> CommittedStages { get; init; } = new HashSet<string>();

    /// <summary>
    /// Outbox rows of earlier commands whose projection has not finished (yet), oldest first: the next command to
    /// commit projects them before its own, so projections apply in commit order and none is left without a marker.
    /// </summary>
    public IReadOnlyList<OutboxEntry> PendingOutbox { get; init; } = [];
}
