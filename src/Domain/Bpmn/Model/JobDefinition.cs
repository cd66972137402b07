namespace TaskFunctions.Domain.Bpmn;

/// <summary>The job a worker must complete (from <c>zeebe:taskDefinition</c>).</summary>
/// <param name="Type">The job type workers subscribe to; may be a FEEL expression.</param>
/// <param name="Retries">How often a failed job is retried; default 3; may be a FEEL expression.</param>
public sealed record JobDefinition(ExpressionOrValue<string> Type, ExpressionOrValue<int> Retries)
{
    public const int DefaultRetries = 3;
}
