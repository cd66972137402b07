namespace TaskFunctions.Domain.Execution;

/// <summary>An open incident: the instance stays active and inspectable until the incident is resolved.</summary>
public sealed record Incident
{
    public required long Key { get; init; }

    public IncidentErrorType ErrorType { get; init; }

    public required string Message { get; init; }

    public required long ElementInstanceKey { get; init; }

    public required string ElementId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public long? JobKey { get; init; }

    public long? UserTaskKey { get; init; }

    /// <summary>The BPMN error code of an unhandled error.</summary>
    public string? ErrorCode { get; init; }
}
