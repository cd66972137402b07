using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>The multipart form of <c>POST /v2/deployments</c> (for the API description; the endpoint reads the form itself).</summary>
public sealed record DeploymentForm(IFormFileCollection Resources, string? TenantId);

/// <summary>Camunda's <c>DeploymentResult</c>: what a deployment contained.</summary>
public sealed record DeploymentResponse(string DeploymentKey, string TenantId, IReadOnlyList<DeploymentItem> Deployments);

/// <summary>One entry of a deployment: exactly one of its properties is set.</summary>
public sealed record DeploymentItem
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeployedProcessDefinition? ProcessDefinition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeployedFormDefinition? Form { get; init; }
}

/// <summary>Camunda's <c>DeploymentProcessResult</c>.</summary>
public sealed record DeployedProcessDefinition(
    string ProcessDefinitionId, int ProcessDefinitionVersion, string ResourceName, string TenantId, string ProcessDefinitionKey);

/// <summary>Camunda's <c>DeploymentFormResult</c>.</summary>
public sealed record DeployedFormDefinition(string FormId, int Version, string ResourceName, string TenantId, string FormKey);
