namespace TaskFunctions.Domain.Execution;

/// <summary>Ends the instance without completing it: every task, job and timer is canceled.</summary>
public sealed record CancelInstance : ProcessCommand;
