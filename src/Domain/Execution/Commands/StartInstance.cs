using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>Creates the instance and runs it from the none start event until it waits or ends.</summary>
public sealed record StartInstance(JsonObject? Variables = null) : ProcessCommand;
