namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// The flow nodes and sequence flows directly inside a process or an embedded sub-process. Tokens never cross a scope
/// boundary along a sequence flow; a sub-process opens a child scope.
/// </summary>
public sealed record FlowScope
{
    /// <summary>The process id for the root scope, the sub-process id for a child scope.</summary>
    public required string Id { get; init; }

    public required StartEvent StartEvent { get; init; }

    /// <summary>The flow nodes directly in this scope, by id.</summary>
    public required IReadOnlyDictionary<string, FlowNode> FlowNodes { get; init; }

    /// <summary>The sequence flows directly in this scope, by id.</summary>
    public required IReadOnlyDictionary<string, SequenceFlow> SequenceFlows { get; init; }

    /// <summary>The sub-processes directly in this scope (each holds its own child scope).</summary>
    public IEnumerable<SubProcess> SubProcesses => FlowNodes.Values.OfType<SubProcess>();
}
