namespace TaskFunctions.Domain.UserTasks;

/// <summary>One row of <see cref="UserTaskTransitions"/>: in state <see cref="From"/>, <see cref="Operation"/> may lead to <see cref="To"/>.</summary>
public sealed record UserTaskTransition(UserTaskState From, UserTaskOperation Operation, UserTaskState To, UserTaskTransitionKind Kind);
