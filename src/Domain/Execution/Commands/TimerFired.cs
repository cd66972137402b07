namespace TaskFunctions.Domain.Execution;

/// <summary>A persisted timer became due. A firing with an unknown id or an old token changes nothing.</summary>
public sealed record TimerFired(string TimerId, string Token) : ProcessCommand;
