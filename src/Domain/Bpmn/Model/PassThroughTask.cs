namespace TaskFunctions.Domain.Bpmn;

/// <summary>A <c>task</c> or <c>manualTask</c>: the engine completes it right away (after applying its mappings).</summary>
public sealed record PassThroughTask : Activity;
