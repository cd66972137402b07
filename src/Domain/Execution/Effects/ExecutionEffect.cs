namespace TaskFunctions.Domain.Execution;

/// <summary>Something the storage runtime must do after committing the command (written to the outbox).</summary>
public abstract record ExecutionEffect;
