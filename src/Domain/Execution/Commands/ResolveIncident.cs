namespace TaskFunctions.Domain.Execution;

/// <summary>Retries the step that raised the incident (e.g. after variables were fixed or a job's retries raised).</summary>
public sealed record ResolveIncident(long IncidentKey) : ProcessCommand;
