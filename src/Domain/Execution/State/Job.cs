using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>Work for an external worker, created when a service, send, business-rule or job-based script task is activated.</summary>
public sealed record Job
{
    public required long JobKey { get; init; }

    public required string Type { get; init; }

    public int Retries { get; init; }

    public JobState State { get; init; }

    public required long ProcessInstanceKey { get; init; }

    public required long ProcessDefinitionKey { get; init; }

    public required string BpmnProcessId { get; init; }

    public required string ElementId { get; init; }

    public required long ElementInstanceKey { get; init; }

    public IReadOnlyDictionary<string, string> CustomHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The variables visible to the task when the job was created.</summary>
    public JsonObject Variables { get; init; } = [];

    public string? ErrorMessage { get; init; }

    public string? ErrorCode { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A failed job with retries is offered to workers again from this instant (retry backoff).</summary>
    public DateTimeOffset ActivatableAt { get; init; }

    /// <summary>Incremented on every change; the storage runtime uses it for optimistic concurrency.</summary>
    public int Version { get; init; }
}
