namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Any node a token can be at: events, activities and gateways. Nodes refer to each other by id, never by reference,
/// so the model stays a plain immutable tree.
/// </summary>
public abstract record FlowNode
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The BPMN local element name, e.g. <c>userTask</c> or <c>exclusiveGateway</c>.</summary>
    public required string ElementType { get; init; }

    /// <summary>The id of the enclosing scope: the process id, or the id of the enclosing sub-process.</summary>
    public required string ScopeId { get; init; }

    /// <summary>The line of the element in the deployed file, for incidents that point back at the model.</summary>
    public int Line { get; init; }

    public IReadOnlyList<SequenceFlow> Incoming { get; init; } = [];

    public IReadOnlyList<SequenceFlow> Outgoing { get; init; } = [];

    /// <summary>Metadata from <c>zeebe:properties</c>; no behaviour.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties;

    internal static readonly IReadOnlyDictionary<string, string> EmptyProperties = new Dictionary<string, string>();
}
