namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// One reason a BPMN file cannot be deployed: which element, where in the file, and what is wrong and allowed.
/// </summary>
/// <param name="ElementId">The id of the BPMN element the problem belongs to, or null when it has none (e.g. malformed XML).</param>
/// <param name="ElementType">The BPMN local element name, e.g. <c>userTask</c>, or <c>document</c> for file-level problems.</param>
/// <param name="Line">The 1-based line in the file (0 when unknown).</param>
/// <param name="Reason">What is wrong, and what is allowed instead.</param>
public sealed record BpmnProblem(string? ElementId, string ElementType, int Line, string Reason)
{
    public override string ToString() => $"{ElementType} '{ElementId}' (line {Line}): {Reason}";
}
