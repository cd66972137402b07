namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Variable mappings from <c>zeebe:ioMapping</c>: inputs create local variables when the element is activated,
/// outputs copy values out when it completes (and replace the default merge of all variables).
/// </summary>
public sealed record IoMapping(IReadOnlyList<VariableMapping> Inputs, IReadOnlyList<VariableMapping> Outputs)
{
    public static IoMapping Empty { get; } = new([], []);

    public bool IsEmpty => Inputs.Count == 0 && Outputs.Count == 0;
}
