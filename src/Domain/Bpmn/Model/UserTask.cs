namespace TaskFunctions.Domain.Bpmn;

/// <summary>Work for a person; the token waits until the task is completed.</summary>
public sealed record UserTask : Activity
{
    public required UserTaskDefinition Definition { get; init; }

    /// <summary>Static headers from <c>zeebe:taskHeaders</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyProperties;
}
