using TaskFunctions.Domain;
using TaskFunctions.Domain.Execution;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// The outcome of a command: the committed instance (state, the tasks and jobs read or changed) with the events it
/// appended — or the domain's error, in which case nothing was written.
/// </summary>
public sealed record CommandResult
{
    private CommandResult()
    {
    }

    public bool IsSuccess => Error is null;

    public DomainError? Error { get; private init; }

    /// <summary>The instance after the command (null on error).</summary>
    public ProcessInstance? Instance { get; private init; }

    /// <summary>The events the command appended to the history (empty for a no-op).</summary>
    public IReadOnlyList<ProcessEvent> Events { get; private init; } = [];

    /// <summary>The user tasks whose rows the command wrote.</summary>
    public IReadOnlyList<long> ChangedUserTaskKeys { get; private init; } = [];

    /// <summary>The jobs whose rows the command wrote.</summary>
    public IReadOnlyList<long> ChangedJobKeys { get; private init; } = [];

    public long ProcessInstanceKey => Instance?.ProcessInstanceKey ?? 0;

    public static CommandResult Success(ExecutionResult result) =>
        new()
        {
            Instance = result.Instance,
            Events = result.Events,
            ChangedUserTaskKeys = result.ChangedUserTaskKeys,
            ChangedJobKeys = result.ChangedJobKeys,
        };

    public static CommandResult Failure(DomainError error) => new() { Error = error };
}
