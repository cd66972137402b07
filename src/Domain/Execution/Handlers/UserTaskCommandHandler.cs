namespace TaskFunctions.Domain.Execution;

/// <summary>Routes a lifecycle command to the task; the lifecycle decides, the interpreter reacts to the outcome.</summary>
internal static class UserTaskCommandHandler
{
    public static DomainError? Handle(ExecutionSession session, UserTaskCommandEnvelope command) =>
        session.UserTasks.TryGetValue(command.UserTaskKey, out var task)
            ? UserTaskBehavior.Apply(session, task, command.Command, session.Context.Caller)
            : ExecutionErrors.UserTaskNotFound(command.UserTaskKey);
}
