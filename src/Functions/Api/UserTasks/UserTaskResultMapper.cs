using FormBindingType = TaskFunctions.Domain.Bpmn.FormBindingType;
using TaskFunctions.Domain.UserTasks;
using TaskFunctions.Storage.Definitions;

namespace TaskFunctions.Functions.Api.UserTasks;

/// <summary>
/// Writes tasks as <see cref="UserTaskResult"/>. The process name and the form key are not on the task row: they come
/// from the deployed definitions (cached in memory by the definition store), looked up once per process and form in
/// one request.
/// </summary>
internal sealed class UserTaskResultMapper(DefinitionStore definitions)
{
    private readonly Dictionary<long, string?> _processNames = [];
    private readonly Dictionary<(string?, string?, FormBindingType?, string?, long, string), long?> _formKeys = [];

    public async Task<UserTaskResult> MapAsync(UserTask task, CancellationToken ct) => new()
    {
        UserTaskKey = ApiKeys.Format(task.UserTaskKey),
        Name = task.Name,
        State = UserTaskErrors.StateName(task.State),
        Assignee = string.IsNullOrEmpty(task.Assignee) ? null : task.Assignee,
        ElementId = task.ElementId,
        CandidateGroups = task.CandidateGroups,
        CandidateUsers = task.CandidateUsers,
        ProcessDefinitionId = task.BpmnProcessId,
        CreationDate = ApiFormats.Date(task.CreationDate),
        CompletionDate = ApiFormats.Date(task.CompletionDate),
        FollowUpDate = ApiFormats.Date(task.FollowUpDate),
        DueDate = ApiFormats.Date(task.DueDate),
        TenantId = task.TenantId,
        ExternalFormReference = task.ExternalFormReference,
        ProcessDefinitionVersion = task.ProcessDefinitionVersion,
        CustomHeaders = task.CustomHeaders,
        Priority = task.Priority,
        ElementInstanceKey = ApiKeys.Format(task.ElementInstanceKey),
        ProcessName = await ProcessNameAsync(task.ProcessDefinitionKey, ct).ConfigureAwait(false),
        ProcessDefinitionKey = ApiKeys.Format(task.ProcessDefinitionKey),
        ProcessInstanceKey = ApiKeys.Format(task.ProcessInstanceKey),
        FormKey = ApiKeys.Format(await FormKeyAsync(task, ct).ConfigureAwait(false)),
    };

    public async Task<IReadOnlyList<UserTaskResult>> MapAsync(IReadOnlyList<UserTask> tasks, CancellationToken ct)
    {
        var results = new List<UserTaskResult>(tasks.Count);
        foreach (var task in tasks)
        {
            results.Add(await MapAsync(task, ct).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<string?> ProcessNameAsync(long processDefinitionKey, CancellationToken ct)
    {
        if (!_processNames.TryGetValue(processDefinitionKey, out var name))
        {
            name = (await definitions.GetProcessAsync(processDefinitionKey, ct).ConfigureAwait(false))?.Name;
            _processNames[processDefinitionKey] = name;
        }

        return name;
    }

    // Only tasks showing a form the engine serves (linked or embedded) have a form key; a custom form key or an
    // external reference is for another UI and has no key in the API's sense.
    private async Task<long?> FormKeyAsync(UserTask task, CancellationToken ct)
    {
        if (task.FormKey is null && string.IsNullOrEmpty(task.FormId))
        {
            return null;
        }

        // Forms bound to the deployment depend on the process definition; the others only on the form reference.
        var definitionKey = task.FormBindingType == FormBindingType.Deployment || task.FormKey is not null ? task.ProcessDefinitionKey : 0;
        var cacheKey = (task.FormKey, task.FormId, task.FormBindingType, task.FormVersionTag, definitionKey, task.TenantId);
        if (!_formKeys.TryGetValue(cacheKey, out var formKey))
        {
            formKey = (await definitions.ResolveFormAsync(task, ct).ConfigureAwait(false))?.FormKey;
            _formKeys[cacheKey] = formKey;
        }

        return formKey;
    }
}
