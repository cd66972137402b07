using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// The orchestration state of one process instance, without its user tasks and jobs (they are separate rows).
/// Collections are ordered by key so that the state serializes the same way every time.
/// </summary>
public sealed record ProcessInstanceState
{
    public required long ProcessInstanceKey { get; init; }

    public required long ProcessDefinitionKey { get; init; }

    public required string BpmnProcessId { get; init; }

    public int ProcessDefinitionVersion { get; init; }

    public ProcessInstanceStatus Status { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Existing element instances (tokens), including the process itself, by ascending key.</summary>
    public IReadOnlyList<ElementInstance> ElementInstances { get; init; } = [];

    /// <summary>Variable scopes by scope key: the process instance key for process variables, else an element instance key.</summary>
    public IReadOnlyDictionary<long, JsonObject> Variables { get; init; } = new Dictionary<long, JsonObject>();

    public IReadOnlyList<Incident> Incidents { get; init; } = [];

    /// <summary>Timers scheduled and neither fired nor canceled, by timer id.</summary>
    public IReadOnlyList<PendingTimer> Timers { get; init; } = [];

    /// <summary>The sequence number of the last event written (history and outbox rows are numbered by it).</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// The variable scopes visible from <paramref name="elementInstanceKey"/>, innermost first: the element instance
    /// and its enclosing scopes, always ending with the process scope (also when the element instance has ended).
    /// </summary>
    public IReadOnlyList<long> ScopeChain(long elementInstanceKey)
    {
        var elements = ElementInstances.ToDictionary(e => e.Key);
        var chain = new List<long>();
        long? current = elementInstanceKey;
        while (current is { } key && elements.TryGetValue(key, out var element))
        {
            chain.Add(key);
            current = element.FlowScopeKey;
        }

        if (!chain.Contains(ProcessInstanceKey))
        {
            chain.Add(ProcessInstanceKey);
        }

        return chain;
    }
}
