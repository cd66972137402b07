namespace TaskFunctions.Storage.TaskIndex;

/// <summary>How many tasks match a filter; when <see cref="IsExact"/> is false there are at least <see cref="Count"/>.</summary>
public sealed record UserTaskCount(long Count, bool IsExact);
