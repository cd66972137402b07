namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// One reason a deployment was refused: the resource, and where applicable the BPMN element and line, with what is
/// wrong and what is allowed.
/// </summary>
/// <param name="ResourceName">The file the problem is in; empty for a problem of the deployment as a whole.</param>
/// <param name="ElementId">The BPMN element's id, when the problem belongs to one.</param>
/// <param name="ElementType">The BPMN element's local name (e.g. <c>userTask</c>), or <c>document</c>/<c>form</c> for the whole file.</param>
/// <param name="Line">The 1-based line in the file, when known.</param>
/// <param name="Reason">What is wrong, and what is allowed instead.</param>
public sealed record DeploymentProblem(string ResourceName, string? ElementId, string? ElementType, int? Line, string Reason);
