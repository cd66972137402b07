using System.Text.Json.Serialization;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>Camunda's <c>ProcessDefinitionResult</c>.</summary>
public sealed record ProcessDefinitionResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    string ResourceName,
    int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VersionTag,
    string ProcessDefinitionId,
    string TenantId,
    string ProcessDefinitionKey,
    bool HasStartForm)
{
    /// <summary>
    /// A deployed process as Camunda describes it. Start forms are not supported (a none start event has no form),
    /// so <see cref="HasStartForm"/> is always false.
    /// </summary>
    public static ProcessDefinitionResponse From(DeployedProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new ProcessDefinitionResponse(
            process.Name, process.ResourceName, process.Version, process.VersionTag, process.BpmnProcessId, process.TenantId,
            ApiKeys.Format(process.ProcessDefinitionKey), HasStartForm: false);
    }
}
