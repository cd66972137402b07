namespace TaskFunctions.Domain.Execution;

/// <summary>Something that happens to a process instance: the input of <see cref="ProcessInterpreter.Execute"/>.</summary>
public abstract record ProcessCommand;
