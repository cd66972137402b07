using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TaskFunctions.Domain.Execution;

/// <summary>
/// Bookkeeping of a multi-instance body: the collection evaluated once at activation, how many instances were
/// started, completed and canceled. The output collection lives in the body's local variables.
/// </summary>
public sealed record MultiInstanceState
{
    /// <summary>The input collection as evaluated when the body was activated.</summary>
    public required JsonArray Items { get; init; }

    /// <summary>How many inner instances were activated so far (the next loop counter is this plus one).</summary>
    public int Started { get; init; }

    public int Completed { get; init; }

    /// <summary>Inner instances whose user task was canceled: finished, but with no output.</summary>
    public int Canceled { get; init; }

    [JsonIgnore]
    public int NumberOfInstances => Items.Count;
}
