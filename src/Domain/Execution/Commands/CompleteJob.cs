using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>A worker finished a job; its variables are merged and the instance continues.</summary>
public sealed record CompleteJob(long JobKey, JsonObject? Variables = null) : ProcessCommand;
