namespace TaskFunctions.Domain.Bpmn;

/// <summary>An executable BPMN process as the interpreter runs it: validated, immutable, ids resolved.</summary>
public sealed record ProcessDefinition
{
    /// <summary>The process id from the file (Camunda's <c>bpmnProcessId</c>).</summary>
    public required string BpmnProcessId { get; init; }

    public string? Name { get; init; }

    /// <summary>From <c>zeebe:versionTag value=</c>, when present.</summary>
    public string? VersionTag { get; init; }

    /// <summary>The root scope; sub-processes hold their child scopes.</summary>
    public required FlowScope Scope { get; init; }

    /// <summary>Every flow node of every scope, by id (ids are unique within a file).</summary>
    public required IReadOnlyDictionary<string, FlowNode> FlowNodes { get; init; }

    /// <summary>Every sequence flow of every scope, by id.</summary>
    public required IReadOnlyDictionary<string, SequenceFlow> SequenceFlows { get; init; }

    /// <summary>The errors declared in the file, by id.</summary>
    public required IReadOnlyDictionary<string, BpmnError> Errors { get; init; }

    /// <summary>Forms embedded in the process (<c>zeebe:userTaskForm</c>), by id.</summary>
    public required IReadOnlyDictionary<string, EmbeddedForm> EmbeddedForms { get; init; }

    /// <summary>Metadata from <c>zeebe:properties</c> on the process; no behaviour.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = FlowNode.EmptyProperties;

    public T GetFlowNode<T>(string id) where T : FlowNode =>
        FlowNodes.TryGetValue(id, out var node) && node is T typed
            ? typed
            : throw new KeyNotFoundException($"Process '{BpmnProcessId}' has no {typeof(T).Name} with id '{id}'.");

    /// <summary>The scope with the given id: the process itself or one of its (nested) sub-processes.</summary>
    public FlowScope GetScope(string scopeId) =>
        scopeId == Scope.Id ? Scope : GetFlowNode<SubProcess>(scopeId).Scope;
}
