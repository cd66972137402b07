namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The outcome of a command: the new instance with the events and effects to persist, or a domain error (in which
/// case nothing changed).
/// </summary>
public sealed record ExecutionResult
{
    private ExecutionResult()
    {
    }

    public bool IsSuccess => Error is null;

    public DomainError? Error { get; private init; }

    /// <summary>The instance after the command; the unchanged instance when the command was a no-op; null on error.</summary>
    public ProcessInstance? Instance { get; private init; }

    public IReadOnlyList<ProcessEvent> Events { get; private init; } = [];

    public IReadOnlyList<ExecutionEffect> Effects { get; private init; } = [];

    /// <summary>User tasks whose row must be written, ascending.</summary>
    public IReadOnlyList<long> ChangedUserTaskKeys { get; private init; } = [];

    /// <summary>Jobs whose row must be written, ascending.</summary>
    public IReadOnlyList<long> ChangedJobKeys { get; private init; } = [];

    /// <summary>True when the command changed nothing (e.g. a stale timer).</summary>
    public bool IsNoOp => IsSuccess && Events.Count == 0 && Effects.Count == 0;

    public static ExecutionResult Success(
        ProcessInstance instance,
        IReadOnlyList<ProcessEvent> events,
        IReadOnlyList<ExecutionEffect> effects,
        IReadOnlyList<long> changedUserTaskKeys,
        IReadOnlyList<long> changedJobKeys) =>
        new()
        {
            Instance = instance,
            Events = events,
            Effects = effects,
            ChangedUserTaskKeys = changedUserTaskKeys,
            ChangedJobKeys = changedJobKeys,
        };

    public static ExecutionResult Unchanged(ProcessInstance instance) => new() { Instance = instance };

    public static ExecutionResult Failure(DomainError error) => new() { Error = error };
}
