namespace TaskFunctions.Domain.Bpmn;

/// <summary>A Camunda Form whose JSON schema is embedded in the process (<c>zeebe:userTaskForm</c>).</summary>
public sealed record EmbeddedForm(string Id, string Schema);
