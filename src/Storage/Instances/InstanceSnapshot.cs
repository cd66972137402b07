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
}
