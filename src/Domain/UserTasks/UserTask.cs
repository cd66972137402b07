using System.Text.Json.Serialization;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// A user task: the durable entity people list, claim, update and complete. Immutable; every change made by
/// <see cref="UserTaskLifecycle"/> returns a new instance with a higher <see cref="Version"/>. Field names follow
/// Camunda 8's <c>UserTaskResult</c>. Persisted as compact JSON with <see cref="UserTaskJson"/>.
/// </summary>
public sealed record UserTask
{
    public const string DefaultTenantId = "<default>";

    public required long UserTaskKey { get; init; }

    public required long ProcessInstanceKey { get; init; }

    public required long ElementInstanceKey { get; init; }

    public required long ProcessDefinitionKey { get; init; }

    /// <summary>The BPMN process id (Camunda's <c>processDefinitionId</c>).</summary>
    public required string BpmnProcessId { get; init; }

    public int ProcessDefinitionVersion { get; init; }

    /// <summary>The BPMN id of the user task element.</summary>
    public required string ElementId { get; init; }

    /// <summary>The BPMN name of the user task element.</summary>
    public string? Name { get; init; }

    public string TenantId { get; init; } = DefaultTenantId;

    public UserTaskState State { get; init; } = UserTaskState.Created;

    public string? Assignee { get; init; }

    /// <summary>The assignee the model gave (static or evaluated); stays eligible after the task is reassigned.</summary>
    public string? InitialAssignee { get; init; }

    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    public DateTimeOffset? DueDate { get; init; }

    public DateTimeOffset? FollowUpDate { get; init; }

    /// <summary>0–100, higher is more important.</summary>
    public int Priority { get; init; } = UserTaskDefinition.DefaultPriority;

    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>When the task ended (completed, canceled or failed).</summary>
    public DateTimeOffset? CompletionDate { get; init; }

    /// <summary>True once the due-date timer fired while the task was open.</summary>
    public bool IsOverdue { get; init; }

    /// <summary>True once the follow-up timer fired while the task was open.</summary>
    public bool IsFollowUpDue { get; init; }

    /// <summary>The token of the current due-date timer; a timer firing with another token is stale and ignored.</summary>
    public string? DueDateTimerToken { get; init; }

    /// <summary>The token of the current follow-up timer; a timer firing with another token is stale and ignored.</summary>
    public string? FollowUpTimerToken { get; init; }

    /// <summary>The embedded form's key (<c>camunda-forms:bpmn:…</c>) or a custom <c>formKey</c>.</summary>
    public string? FormKey { get; init; }

    /// <summary>The id of a linked Camunda Form (<c>zeebe:formDefinition formId</c>).</summary>
    public string? FormId { get; init; }

    /// <summary>How the linked form's version is chosen; null without a linked form.</summary>
    public FormBindingType? FormBindingType { get; init; }

    /// <summary>The version tag of a linked form bound by version tag.</summary>
    public string? FormVersionTag { get; init; }

    /// <summary>A reference for a custom UI (<c>externalReference</c>), evaluated at activation when it is FEEL.</summary>
    public string? ExternalFormReference { get; init; }

    /// <summary>Static headers (<c>zeebe:taskHeaders</c>).</summary>
    public IReadOnlyDictionary<string, string> CustomHeaders { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Variables completing the task must provide (<c>fleans:expectedOutputs</c>).</summary>
    public IReadOnlyList<string> ExpectedOutputs { get; init; } = [];

    /// <summary>True for a Camunda user task (<c>zeebe:userTask</c>); false for the job-worker implementation.</summary>
    public bool IsCamundaUserTask { get; init; } = true;

    /// <summary>The BPMN error code of a failed task, when one was given.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Why the task failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Why the task was canceled, when a reason was given.</summary>
    public string? CancelReason { get; init; }

    /// <summary>Starts at 1 on creation and grows by one with every change.</summary>
    public long Version { get; init; } = 1;

    /// <summary>True while the task is open (<see cref="UserTaskState.Created"/>).</summary>
    [JsonIgnore]
    public bool IsOpen => State == UserTaskState.Created;
}
