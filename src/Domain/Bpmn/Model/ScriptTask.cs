namespace TaskFunctions.Domain.Bpmn;

/// <summary>A script task evaluated by the engine: the FEEL expression's result is stored in <see cref="ResultVariable"/>.</summary>
public sealed record ScriptTask : Activity
{
    public required BpmnExpression Expression { get; init; }

    public required string ResultVariable { get; init; }
}
