using TaskFunctions.Domain.Forms;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// One version of a deployed Camunda Form (or a form embedded in a process, see
/// <see cref="DefinitionStore.ResolveFormAsync"/>): its key, id and version, the schema as deployed, and what the
/// engine reads from it.
/// </summary>
public sealed record DeployedForm(
    long FormKey,
    string FormId,
    int Version,
    string? VersionTag,
    string ResourceName,
    long DeploymentKey,
    string TenantId,
    string Schema,
    CamundaForm Parsed);
