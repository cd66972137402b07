using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TaskFunctions.Domain.Bpmn;
using UserTask = TaskFunctions.Domain.UserTasks.UserTask;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// Builds Tasklist's view of tasks. The process name and a linked form's key and version are not on the task; they
/// are looked up once per process or form per request (the definition store caches them across requests).
/// </summary>
internal sealed class TaskResponses(DefinitionStore definitions)
{
    private readonly Dictionary<long, DeployedProcess?> _processes = [];
    private readonly Dictionary<(long, string, FormBindingType?, string?, string), DeployedForm?> _linkedForms = [];

    public async Task<TaskResponse> ToResponseAsync(UserTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var process = await ProcessAsync(task.ProcessDefinitionKey, ct).ConfigureAwait(false);
        var linked = await LinkedFormAsync(task, ct).ConfigureAwait(false);
        var embedded = task.FormKey?.StartsWith(EmbeddedFormReference.KeyPrefix, StringComparison.Ordinal) == true;
        return new TaskResponse
        {
            Id = ApiKeys.Format(task.UserTaskKey),
            Name = task.Name ?? task.ElementId,
            TaskDefinitionId = task.ElementId,
            ProcessName = process?.Name ?? task.BpmnProcessId,
            CreationDate = Format(task.CreationDate),
            CompletionDate = Format(task.CompletionDate),
            Assignee = task.Assignee,
            TaskState = UserTaskErrors.StateName(task.State),
            FormKey = task.FormKey ?? (linked is null ? null : ApiKeys.Format(linked.FormKey)),
            FormId = task.FormId,
            FormVersion = linked?.Version,
            IsFormEmbedded = embedded,
            ProcessDefinitionKey = ApiKeys.Format(task.ProcessDefinitionKey),
            ProcessInstanceKey = ApiKeys.Format(task.ProcessInstanceKey),
            TenantId = task.TenantId,
            DueDate = Format(task.DueDate),
            FollowUpDate = Format(task.FollowUpDate),
            CandidateGroups = task.CandidateGroups,
            CandidateUsers = task.CandidateUsers,
            Implementation = task.IsCamundaUserTask ? "ZEEBE_USER_TASK" : "JOB_WORKER",
            Priority = task.Priority,
        };
    }

    public async Task<TaskSearchResponse> ToSearchResponseAsync(UserTask task, string cursor, bool isFirst, CancellationToken ct) =>
        new(await ToResponseAsync(task, ct).ConfigureAwait(false)) { SortValues = [cursor], IsFirst = isFirst };

    /// <summary>RFC 3339 in UTC with milliseconds, e.g. <c>2026-05-01T10:00:00.000Z</c>.</summary>
    [return: NotNullIfNotNull(nameof(date))]
    public static string? Format(DateTimeOffset? date) =>
        ApiFormats.Date(date);

    private async Task<DeployedProcess?> ProcessAsync(long key, CancellationToken ct)
    {
        if (!_processes.TryGetValue(key, out var process))
        {
            process = await definitions.GetProcessAsync(key, ct).ConfigureAwait(false);
            _processes[key] = process;
        }

        return process;
    }

    private async Task<DeployedForm?> LinkedFormAsync(UserTask task, CancellationToken ct)
    {
        if (task.FormKey is not null || string.IsNullOrEmpty(task.FormId))
        {
            return null;
        }

        var id = (task.ProcessDefinitionKey, task.FormId, task.FormBindingType, task.FormVersionTag, task.TenantId);
        if (!_linkedForms.TryGetValue(id, out var form))
        {
            form = await definitions.ResolveFormAsync(task, ct).ConfigureAwait(false);
            _linkedForms[id] = form;
        }

        return form;
    }
}
