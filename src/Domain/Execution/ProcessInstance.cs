using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The aggregate a command works on: the orchestration state plus the instance's user tasks and jobs (each of which
/// the runtime stores as its own row in the instance's partition).
/// </summary>
public sealed record ProcessInstance(
    ProcessInstanceState State,
    IReadOnlyDictionary<long, UserTask> UserTasks,
    IReadOnlyDictionary<long, Job> Jobs)
{
    public long ProcessInstanceKey => State.ProcessInstanceKey;

    public ProcessInstanceStatus Status => State.Status;
}
