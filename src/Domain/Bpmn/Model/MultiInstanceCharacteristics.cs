namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Runs the activity once per element of <see cref="InputCollection"/>, in parallel or one after the other
/// (<c>multiInstanceLoopCharacteristics</c> with <c>zeebe:loopCharacteristics</c>).
/// </summary>
/// <param name="IsSequential">True to run the instances one after the other, false to run them in parallel.</param>
/// <param name="InputCollection">The FEEL expression yielding the list to iterate.</param>
/// <param name="InputElement">The local variable holding the current element, if any.</param>
/// <param name="OutputCollection">The variable collecting each instance's <paramref name="OutputElement"/>, if any.</param>
/// <param name="OutputElement">The FEEL expression each instance contributes to the output collection.</param>
/// <param name="CompletionCondition">When true after an instance completes, the remaining instances are cancelled.</param>
public sealed record MultiInstanceCharacteristics(
    bool IsSequential,
    BpmnExpression InputCollection,
    string? InputElement,
    string? OutputCollection,
    BpmnExpression? OutputElement,
    BpmnExpression? CompletionCondition);
