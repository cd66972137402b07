using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// One entry of an instance's audit trail: who (<see cref="Actor"/>), when, what (<see cref="Type"/> and the keys it
/// is about) and the details (<see cref="Data"/>). Numbered per instance without gaps.
/// </summary>
public sealed record ProcessEvent
{
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Actor { get; init; }

    public required ProcessEventType Type { get; init; }

    public string? ElementId { get; init; }

    public long? ElementInstanceKey { get; init; }

    public long? UserTaskKey { get; init; }

    public long? JobKey { get; init; }

    public long? IncidentKey { get; init; }

    public string? TimerId { get; init; }

    /// <summary>Details such as variable values, error codes or the user-task event.</summary>
    public JsonObject? Data { get; init; }
}
