using TaskFunctions.Domain.UserTasks;

namespace TaskFunctions.Domain.Execution;

/// <summary>A user-task lifecycle command (assign, claim, update, complete, fail, cancel, ...) for a task of this instance.</summary>
public sealed record UserTaskCommandEnvelope(long UserTaskKey, UserTaskCommand Command) : ProcessCommand;
