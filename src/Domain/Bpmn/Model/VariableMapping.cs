namespace TaskFunctions.Domain.Bpmn;

/// <summary>One <c>zeebe:input</c> or <c>zeebe:output</c>: evaluate <see cref="Source"/>, store it under <see cref="Target"/>.</summary>
/// <param name="Source">A FEEL expression, or a static string value.</param>
/// <param name="Target">The variable name (may be a dotted path such as <c>order.total</c>).</param>
public sealed record VariableMapping(ExpressionOrValue<string> Source, string Target);
