using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Everything a command needs from outside the domain: the current time, who sends the command, and generators for
/// keys and timer tokens, so the interpreter stays deterministic.
/// </summary>
public sealed record ExecutionContext
{
    public required DateTimeOffset Now { get; init; }

    public Caller Caller { get; init; } = Caller.System;

    public required IKeyGenerator Keys { get; init; }

    /// <summary>Produces a fresh timer token for every scheduled timer.</summary>
    public required Func<string> NewToken { get; init; }

    /// <summary>Used by <see cref="StartInstance"/> only: the deployed definition's key.</summary>
    public long ProcessDefinitionKey { get; init; }

    /// <summary>Used by <see cref="StartInstance"/> only: the deployed definition's version.</summary>
    public int ProcessDefinitionVersion { get; init; }

    /// <summary>How many elements one command may activate before an incident stops the (presumably endless) loop.</summary>
    public int MaxElementActivations { get; init; } = 10_000;
}
