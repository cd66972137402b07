namespace TaskFunctions.Storage.Definitions;

/// <summary>What a deployment would write, or why it cannot be written.</summary>
internal sealed record ValidatedDeployment(
    IReadOnlyList<ProcessCandidate> Processes,
    IReadOnlyList<FormCandidate> Forms,
    IReadOnlyList<DeploymentProblem> Problems);
