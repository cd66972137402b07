using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>A step the interpreter still has to take within the current command.</summary>
internal abstract record AgendaItem;

/// <summary>A token arrives at an element of a scope (over a sequence flow, or as a start / multi-instance iteration).</summary>
internal sealed record ActivateElement(
    long FlowScopeKey,
    string ElementId,
    string? IncomingFlowId,
    int? LoopCounter = null,
    JsonObject? LocalVariables = null) : AgendaItem;

/// <summary>An element instance has done its work and leaves over its outgoing flows.</summary>
internal sealed record CompleteElement(long ElementInstanceKey) : AgendaItem;
