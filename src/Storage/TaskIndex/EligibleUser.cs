namespace TaskFunctions.Storage.TaskIndex;

/// <summary>A user and the groups they belong to, for "tasks this user may claim" queries.</summary>
public sealed record EligibleUser(string UserId, IReadOnlyList<string> Groups);
