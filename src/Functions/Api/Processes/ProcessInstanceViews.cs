using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TaskFunctions.Domain.Execution;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>How a stored process instance, its variables and incidents are shown in Camunda's shapes.</summary>
public static class ProcessInstanceViews
{
    /// <summary>Camunda's process-instance state for ours: a canceled instance is <c>TERMINATED</c>.</summary>
    public static string State(ProcessInstanceStatus status) => status switch
    {
        ProcessInstanceStatus.Active => "ACTIVE",
        ProcessInstanceStatus.Completed => "COMPLETED",
        _ => "TERMINATED",
    };

    /// <summary>Our status for a Camunda state name (any casing), or null when it is not one.</summary>
    public static ProcessInstanceStatus? ParseState(string state) => state.ToUpperInvariant() switch
    {
        "ACTIVE" => ProcessInstanceStatus.Active,
        "COMPLETED" => ProcessInstanceStatus.Completed,
        "TERMINATED" => ProcessInstanceStatus.Canceled,
        _ => null,
    };

    /// <summary>
    /// The instance as Camunda shows it; <paramref name="process"/> (its definition) gives the name, version tag and
    /// tenant, and may be null only if the definition can no longer be read.
    /// </summary>
    public static ProcessInstanceResponse Instance(ProcessInstanceState state, DeployedProcess? process)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ProcessInstanceResponse(
            state.BpmnProcessId,
            process?.Name ?? state.BpmnProcessId,
            state.ProcessDefinitionVersion,
            process?.VersionTag,
            ApiFormats.Date(state.StartedAt),
            ApiFormats.Date(state.EndedAt),
            State(state.Status),
            state.Incidents.Count > 0,
            ApiFormats.Tenant(process?.TenantId),
            ApiKeys.Format(state.ProcessInstanceKey),
            ApiKeys.Format(state.ProcessDefinitionKey));
    }

    /// <summary>Every variable of every scope of the instance, process scope first, then by scope key and name.</summary>
    public static IEnumerable<VariableResponse> Variables(ProcessInstanceState state, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Variables
            .OrderBy(s => s.Key == state.ProcessInstanceKey ? 0 : 1).ThenBy(s => s.Key)
            .SelectMany(scope => scope.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(variable => new VariableResponse(
                variable.Key,
                variable.Value?.ToJsonString() ?? "null",
                IsTruncated: false,
                tenantId,
                ApiKeys.Format(ApiKeys.VariableKey(scope.Key, variable.Key)),
                ApiKeys.Format(scope.Key),
                ApiKeys.Format(state.ProcessInstanceKey))));
    }

    /// <summary>The open incidents of the instance (resolved ones leave the state, so every one is <c>ACTIVE</c>).</summary>
    public static IEnumerable<IncidentResponse> Incidents(ProcessInstanceState state, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Incidents.Select(incident => new IncidentResponse(
            state.BpmnProcessId,
            ErrorType(incident.ErrorType),
            incident.Message,
            incident.ElementId,
            ApiFormats.Date(incident.CreatedAt),
            "ACTIVE",
            tenantId,
            ApiKeys.Format(incident.Key),
            ApiKeys.Format(state.ProcessDefinitionKey),
            ApiKeys.Format(state.ProcessInstanceKey),
            ApiKeys.Format(incident.ElementInstanceKey),
            ApiKeys.Format(incident.JobKey)));
    }

    /// <summary>Camunda's incident error type for ours; the kinds Camunda has no name for are <c>UNKNOWN</c>.</summary>
    public static string ErrorType(IncidentErrorType type) => type switch
    {
        IncidentErrorType.ExtractValueError => "EXTRACT_VALUE_ERROR",
        IncidentErrorType.ConditionError => "CONDITION_ERROR",
        IncidentErrorType.UnhandledErrorEvent => "UNHANDLED_ERROR_EVENT",
        IncidentErrorType.JobNoRetries => "JOB_NO_RETRIES",
        _ => "UNKNOWN",
    };
}
