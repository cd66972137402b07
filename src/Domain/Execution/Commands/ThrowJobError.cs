using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Execution;

/// <summary>A worker reports a business error: a BPMN error with this code is thrown from the job's task.</summary>
public sealed record ThrowJobError(long JobKey, string ErrorCode, string? ErrorMessage = null, JsonObject? Variables = null) : ProcessCommand;
