namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>
/// Aborts an evaluation that cannot produce a value at all (unknown function, wrong argument count,
/// resource limits). Ordinary type mismatches yield <c>null</c> instead, as FEEL prescribes.
/// </summary>
internal sealed class FeelEvaluationException(string message) : Exception(message);
