using System.Globalization;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// Creates the user task when a token reaches a user task element: evaluates the assignment, schedule, form reference
/// and priority in Camunda's order (assignee, candidate groups, candidate users, due date, follow-up date, form,
/// priority). The first expression that fails or gives an unusable value raises an incident naming the task, the
/// expression and what was wrong; the task is then not created.
/// </summary>
public static class UserTaskActivation
{
    public static UserTaskActivationResult Activate(UserTaskActivationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evaluator = new Evaluator(request);
        var definition = request.Definition;
        var assignee = evaluator.Assignee(definition.Assignee);
        var candidateGroups = evaluator.Candidates(definition.CandidateGroups, "candidateGroups");
        var candidateUsers = evaluator.Candidates(definition.CandidateUsers, "candidateUsers");
        var dueDate = evaluator.Date(definition.DueDate, "dueDate");
        var followUpDate = evaluator.Date(definition.FollowUpDate, "followUpDate");
        var externalReference = definition.Form is CustomFormReference { Reference.IsExpression: true } custom
            ? evaluator.String(custom.Reference, "externalReference")
            : null;
        var priority = evaluator.Priority(definition.Priority);
        return evaluator.Incident is { } incident
            ? UserTaskActivationResult.Failed(incident)
            : Create(request, assignee, candidateUsers, candidateGroups, dueDate, followUpDate, externalReference, priority);
    }

    private static UserTaskActivationResult Create(
        UserTaskActivationRequest request,
        string? assignee,
        IReadOnlyList<string> candidateUsers,
        IReadOnlyList<string> candidateGroups,
        DateTimeOffset? dueDate,
        DateTimeOffset? followUpDate,
        string? evaluatedExternalReference,
        int priority)
    {
        var outcomes = new List<UserTaskOutcome>();
        string? dueToken = null;
        string? followUpToken = null;
        if (dueDate is { } due)
        {
            dueToken = request.NewToken();
            outcomes.Add(new UserTaskOutcome.DueDateChanged(due, dueToken));
        }

        if (followUpDate is { } followUp)
        {
            followUpToken = request.NewToken();
            outcomes.Add(new UserTaskOutcome.FollowUpDateChanged(followUp, followUpToken));
        }

        var definition = request.Definition;
        var task = new UserTask
        {
            UserTaskKey = request.UserTaskKey,
            ProcessInstanceKey = request.ProcessInstanceKey,
            ElementInstanceKey = request.ElementInstanceKey,
            ProcessDefinitionKey = request.ProcessDefinitionKey,
            BpmnProcessId = request.BpmnProcessId,
            ProcessDefinitionVersion = request.ProcessDefinitionVersion,
            ElementId = request.ElementId,
            Name = request.Name,
            TenantId = request.TenantId,
            State = UserTaskState.Created,
            Assignee = assignee,
            InitialAssignee = assignee,
            CandidateUsers = candidateUsers,
            CandidateGroups = candidateGroups,
            DueDate = dueDate,
            FollowUpDate = followUpDate,
            Priority = priority,
            CreationDate = request.Now,
            DueDateTimerToken = dueToken,
            FollowUpTimerToken = followUpToken,
            FormKey = definition.Form switch
            {
                EmbeddedFormReference embedded => embedded.FormKey,
                _ => null,
            },
            FormId = (definition.Form as LinkedFormReference)?.FormId,
            FormBindingType = (definition.Form as LinkedFormReference)?.BindingType,
            FormVersionTag = (definition.Form as LinkedFormReference)?.VersionTag,
            ExternalFormReference = definition.Form is CustomFormReference custom
                ? evaluatedExternalReference ?? (custom.Reference.IsExpression ? null : custom.Reference.Value)
                : null,
            CustomHeaders = new Dictionary<string, string>(request.Headers, StringComparer.Ordinal),
            ExpectedOutputs = [.. definition.ExpectedOutputs],
            IsCamundaUserTask = definition.IsCamundaUserTask,
            Version = 1,
        };

        var created = new UserTaskEvent
        {
            UserTaskKey = task.UserTaskKey,
            Kind = UserTaskEventKind.Created,
            Actor = request.Caller.Actor,
            Timestamp = request.Now,
            Version = task.Version,
            Action = "create",
            Changes = CreationAttributes(task),
        };
        IReadOnlyList<UserTaskEvent> events = assignee is null
            ? [created]
            : [created, created with { Kind = UserTaskEventKind.Assigned, Action = "assign", Assignee = assignee, Changes = [] }];
        return UserTaskActivationResult.Created(task, events, outcomes);
    }

    private static List<UserTaskAttributeChange> CreationAttributes(UserTask task)
    {
        var attributes = new List<UserTaskAttributeChange>();
        if (task.InitialAssignee is not null)
            attributes.Add(new("assignee", null, task.InitialAssignee));
        if (task.CandidateUsers.Count > 0)
            attributes.Add(new(UserTaskChangeset.CandidateUsersField, null, UserTaskLifecycle.Render(task.CandidateUsers)));
        if (task.CandidateGroups.Count > 0)
            attributes.Add(new(UserTaskChangeset.CandidateGroupsField, null, UserTaskLifecycle.Render(task.CandidateGroups)));
        if (task.DueDate is not null)
            attributes.Add(new(UserTaskChangeset.DueDateField, null, UserTaskLifecycle.Render(task.DueDate)));
        if (task.FollowUpDate is not null)
            attributes.Add(new(UserTaskChangeset.FollowUpDateField, null, UserTaskLifecycle.Render(task.FollowUpDate)));
        attributes.Add(new(UserTaskChangeset.PriorityField, null, task.Priority.ToString(CultureInfo.InvariantCulture)));
        return attributes;
    }

    // Evaluates in the caller's order and keeps the first problem; once there is one, nothing more is evaluated.
    private sealed class Evaluator(UserTaskActivationRequest request)
    {
        public string? Incident { get; private set; }

        public string? Assignee(ExpressionOrValue<string>? property)
        {
            if (property is null || Incident is not null)
                return null;

            var value = property.IsExpression ? String(property, "assignee") : property.Value;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public string? String(ExpressionOrValue<string> property, string what)
        {
            if (Incident is not null)
                return null;

            if (!property.IsExpression)
                return property.Value;

            return Evaluate(property.Expression!, what) switch
            {
                null or FeelNull => null,
                FeelString s => s.Value,
                var other => Wrong<string?>(property.Text, what, other, "a string or null"),
            };
        }

        public IReadOnlyList<string> Candidates(ExpressionOrValue<IReadOnlyList<string>>? property, string what)
        {
            if (property is null || Incident is not null)
                return [];

            if (!property.IsExpression)
                return Normalize(property.Value);

            const string expected = "a list of non-empty strings, a single string, or null";
            var value = Evaluate(property.Expression!, what);
            return value switch
            {
                null or FeelNull => [],
                FeelString s when !string.IsNullOrWhiteSpace(s.Value) => [s.Value.Trim()],
                FeelList list when list.Items.All(i => i is FeelString s && !string.IsNullOrWhiteSpace(s.Value)) =>
                    Normalize(list.Items.Select(i => ((FeelString)i).Value).ToArray()),
                _ => Wrong<IReadOnlyList<string>>(property.Text, what, value, expected) ?? [],
            };
        }

        public DateTimeOffset? Date(ExpressionOrValue<DateTimeOffset>? property, string what)
        {
            if (property is null || Incident is not null)
                return null;

            if (!property.IsExpression)
                return property.Value;

            const string expected = "a date and time with an offset or zone (e.g. 2026-03-01T09:00:00Z), or null";
            var value = Evaluate(property.Expression!, what);
            const string noOffset = expected + "; the value has no offset, so it names no instant";
            return value switch
            {
                null or FeelNull => null,
                FeelDateTime { Instant: { } instant } => instant,
                FeelDateTime => Wrong<DateTimeOffset?>(property.Text, what, value, noOffset),
                FeelString s when IsoDateTime.TryParse(s.Value, out var parsed) => parsed,
                FeelString s when IsoDateTime.IsLocalDateTime(s.Value) => Wrong<DateTimeOffset?>(property.Text, what, value, noOffset),
                _ => Wrong<DateTimeOffset?>(property.Text, what, value, expected),
            };
        }

        public int Priority(ExpressionOrValue<int> property)
        {
            const string expected = "an integer between 0 and 100";
            if (Incident is not null)
                return UserTaskDefinition.DefaultPriority;

            var value = property.IsExpression ? Evaluate(property.Expression!, "priority") : new FeelNumber(property.Value);
            return value switch
            {
                null => UserTaskDefinition.DefaultPriority,
                FeelNumber { Value: var number } when number == decimal.Truncate(number) && number is >= 0 and <= 100 => (int)number,
                _ => Wrong<int>(property.Text, "priority", value, expected),
            };
        }

        // Null when evaluation failed; the failure is then the incident.
        private FeelValue? Evaluate(BpmnExpression expression, string what)
        {
            var result = expression.Parsed.Evaluate(request.Context);
            if (result.IsSuccess)
                return result.Value;

            Incident = $"Task '{request.ElementId}': {what} expression '{expression.Text}' failed to evaluate: {result.Failure}";
            return null;
        }

        private T? Wrong<T>(string text, string what, FeelValue value, string expected)
        {
            Incident = $"Task '{request.ElementId}': {what} expression '{text}' evaluated to {Describe(value)}, expected {expected}";
            return default;
        }

        private static string Describe(FeelValue value) => value switch
        {
            FeelNull => "null",
            FeelString s => $"\"{s.Value}\" (a string)",
            FeelNumber or FeelBoolean => value.ToString(),
            _ => $"{value} (a {value.TypeName})",
        };

        private static IReadOnlyList<string> Normalize(IReadOnlyList<string> names) =>
            names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }
}
