namespace TaskFunctions.Domain.Execution;

/// <summary>Hands out unique 64-bit keys (element instances, user tasks, jobs, incidents).</summary>
public interface IKeyGenerator
{
    long NextKey();
}
