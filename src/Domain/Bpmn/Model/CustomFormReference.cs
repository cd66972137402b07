namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A reference the engine does not interpret, for a custom UI: <c>externalReference</c> (may be FEEL),
/// a job-worker <c>formKey</c>, or <c>camunda:formKey</c>.
/// </summary>
public sealed record CustomFormReference(ExpressionOrValue<string> Reference) : FormReference;
