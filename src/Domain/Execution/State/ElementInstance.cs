using System.Text.Json.Serialization;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// A token at a flow node: one execution of one element. The process itself is the root element instance (its key
/// is the process instance key); sub-processes and multi-instance bodies are element instances with children.
/// Only element instances that still exist are kept; their history is in the events.
/// </summary>
public sealed record ElementInstance
{
    public required long Key { get; init; }

    /// <summary>The element instance of the enclosing scope; null for the process itself.</summary>
    public long? FlowScopeKey { get; init; }

    public required string ElementId { get; init; }

    public ElementInstancePhase Phase { get; init; }

    /// <summary>The sequence flow the token arrived on, if any.</summary>
    public string? IncomingFlowId { get; init; }

    /// <summary>Set on the inner instances of a multi-instance activity: 1 for the first element of the collection.</summary>
    public int? LoopCounter { get; init; }

    /// <summary>Set on the body of a multi-instance activity.</summary>
    public MultiInstanceState? MultiInstance { get; init; }

    /// <summary>The user task this element instance waits for.</summary>
    public long? UserTaskKey { get; init; }

    /// <summary>The job this element instance waits for.</summary>
    public long? JobKey { get; init; }

    /// <summary>
    /// On a scope (process or sub-process): the sequence flows that reached a joining gateway of this scope and wait
    /// for the join, in arrival order (a flow may appear more than once).
    /// </summary>
    public IReadOnlyList<string> JoinArrivals { get; init; } = [];

    /// <summary>Whether this element instance is the body of a multi-instance activity.</summary>
    [JsonIgnore]
    public bool IsMultiInstanceBody => MultiInstance is not null;

    /// <summary>Whether this element instance is one iteration of a multi-instance activity.</summary>
    [JsonIgnore]
    public bool IsMultiInstanceInner => LoopCounter is not null;
}
