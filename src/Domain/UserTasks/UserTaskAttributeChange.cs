namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// One attribute an update changed, with the values before and after rendered as text (ISO 8601 dates, JSON arrays
/// for lists, numbers); null stands for "not set".
/// </summary>
public sealed record UserTaskAttributeChange(string Attribute, string? OldValue, string? NewValue);
