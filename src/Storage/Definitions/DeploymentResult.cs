namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// The outcome of <see cref="DefinitionStore.DeployAsync"/>: the processes and forms of the deployment (new
/// versions, or the existing version for a resource identical to the latest one), or every problem found, in which
/// case nothing was written and <see cref="DeploymentKey"/> is 0.
/// </summary>
public sealed record DeploymentResult(
    long DeploymentKey,
    string TenantId,
    IReadOnlyList<DeployedProcess> Processes,
    IReadOnlyList<DeployedForm> Forms,
    IReadOnlyList<DeploymentProblem> Problems)
{
    public bool IsSuccess => Problems.Count == 0;
}
