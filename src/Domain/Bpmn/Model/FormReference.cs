namespace TaskFunctions.Domain.Bpmn;

/// <summary>The form a user task shows: a linked Camunda Form, an embedded form, or a custom reference.</summary>
public abstract record FormReference;
