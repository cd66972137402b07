using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// One version of a deployed BPMN process: its key, id and version, where it came from, and the parsed model the
/// interpreter runs. Immutable once deployed.
/// </summary>
public sealed record DeployedProcess(
    long ProcessDefinitionKey,
    string BpmnProcessId,
    string? Name,
    int Version,
    string? VersionTag,
    string ResourceName,
    long DeploymentKey,
    string TenantId,
    DateTimeOffset DeployedAt,
    ProcessDefinition Model);
