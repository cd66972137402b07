namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A task completed by an external job worker (<c>serviceTask</c>, <c>sendTask</c>, <c>businessRuleTask</c>):
/// the engine creates a job of <see cref="Job"/>'s type and waits for it to complete or fail.
/// </summary>
public sealed record JobWorkerTask : Activity
{
    public required JobDefinition Job { get; init; }

    /// <summary>Static headers from <c>zeebe:taskHeaders</c>, passed to the worker.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyProperties;
}
