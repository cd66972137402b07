using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Api.Processes;

/// <summary>Camunda's <c>JobActivationRequest</c>; times in milliseconds, as JSON numbers or strings.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record ActivateJobsRequest
{
    public string? Type { get; init; }

    public string? Worker { get; init; }

    /// <summary>How long the jobs stay locked to this worker, in ms.</summary>
    public long? Timeout { get; init; }

    public int? MaxJobsToActivate { get; init; }

    public IReadOnlyList<string>? FetchVariable { get; init; }

    /// <summary>How long to wait for jobs when none is there, in ms: 0 or absent for the default, negative for no wait.</summary>
    public long? RequestTimeout { get; init; }

    public IReadOnlyList<string>? TenantIds { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>JobActivationResult</c>.</summary>
public sealed record ActivateJobsResponse(IReadOnlyList<ActivatedJobResponse> Jobs);

/// <summary>Camunda's <c>ActivatedJobResult</c>; <see cref="Deadline"/> is in epoch milliseconds.</summary>
public sealed record ActivatedJobResponse(
    string Type,
    string ProcessDefinitionId,
    int ProcessDefinitionVersion,
    string ElementId,
    IReadOnlyDictionary<string, string> CustomHeaders,
    string Worker,
    int Retries,
    long Deadline,
    JsonObject Variables,
    string TenantId,
    string JobKey,
    string ProcessInstanceKey,
    string ProcessDefinitionKey,
    string ElementInstanceKey,
    string Kind,
    string ListenerEventType);

/// <summary>Camunda's <c>JobCompletionRequest</c>.</summary>
public sealed record CompleteJobRequest
{
    public JsonObject? Variables { get; init; }

    /// <summary>Not supported (task-listener and ad-hoc results): a non-null value is a 400.</summary>
    public JsonNode? Result { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>JobFailRequest</c>; <see cref="RetryBackOff"/> in ms.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record FailJobRequest
{
    public int? Retries { get; init; }

    public string? ErrorMessage { get; init; }

    public long? RetryBackOff { get; init; }

    /// <summary>Not supported: a non-empty object is a 400.</summary>
    public JsonObject? Variables { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>JobErrorRequest</c>.</summary>
public sealed record ThrowJobErrorRequest
{
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public JsonObject? Variables { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>JobUpdateRequest</c>.</summary>
public sealed record UpdateJobRequest
{
    public JobChangeset? Changeset { get; init; }

    /// <summary>Accepted for compatibility and not used.</summary>
    public JsonElement? OperationReference { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Camunda's <c>JobChangeset</c>: only <c>retries</c> can be changed here.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record JobChangeset
{
    public int? Retries { get; init; }

    /// <summary>Not supported: a non-null value is a 400.</summary>
    public long? Timeout { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
