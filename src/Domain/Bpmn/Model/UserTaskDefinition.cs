namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Everything the engine needs to create a user task: who may work on it, when it is due, how important it is,
/// which form it shows, who listens to it and which outputs completing it requires.
/// </summary>
public sealed record UserTaskDefinition
{
    /// <summary>The job type of user tasks implemented by job workers (no <c>zeebe:userTask</c>).</summary>
    public const string JobWorkerJobType = "io.camunda.zeebe:userTask";

    public const int DefaultPriority = 50;

    /// <summary>True for a Camunda user task (<c>zeebe:userTask</c> present); false for the job-worker implementation.</summary>
    public bool IsCamundaUserTask { get; init; }

    /// <summary>The job type for a job-worker user task; null for a Camunda user task.</summary>
    public string? JobType => IsCamundaUserTask ? null : JobWorkerJobType;

    public ExpressionOrValue<string>? Assignee { get; init; }

    public ExpressionOrValue<IReadOnlyList<string>>? CandidateUsers { get; init; }

    public ExpressionOrValue<IReadOnlyList<string>>? CandidateGroups { get; init; }

    public ExpressionOrValue<DateTimeOffset>? DueDate { get; init; }

    public ExpressionOrValue<DateTimeOffset>? FollowUpDate { get; init; }

    /// <summary>0–100, higher is more important; 50 when not modelled.</summary>
    public ExpressionOrValue<int> Priority { get; init; } = ExpressionOrValue<int>.Static(DefaultPriority, "50");

    public FormReference? Form { get; init; }

    public IReadOnlyList<TaskListener> Listeners { get; init; } = [];

    /// <summary>Variables that completing the task must provide (<c>fleans:expectedOutputs</c>).</summary>
    public IReadOnlyList<string> ExpectedOutputs { get; init; } = [];
}
