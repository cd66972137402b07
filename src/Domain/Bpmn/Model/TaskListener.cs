namespace TaskFunctions.Domain.Bpmn;

/// <summary>A user-task listener (<c>zeebe:taskListener</c>): a job the engine creates on the lifecycle transition.</summary>
public sealed record TaskListener(TaskListenerEventType EventType, ExpressionOrValue<string> Type, ExpressionOrValue<int> Retries);
