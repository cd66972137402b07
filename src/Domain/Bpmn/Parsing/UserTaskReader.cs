using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Reads a <c>userTask</c>: its zeebe:* extension elements, the Camunda 7 style <c>camunda:*</c> attributes that
/// mean the same, and <c>fleans:expectedOutputs</c>. A property written both ways is a problem, not a silent pick.
/// </summary>
internal static class UserTaskReader
{
    private static readonly string[] Extensions =
    [
        "userTask", "assignmentDefinition", "taskSchedule", "priorityDefinition", "formDefinition",
        "taskListeners", "ioMapping", "taskHeaders",
    ];

    public static FlowNode Read(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        var multiInstance = ActivityReader.ReadCommon(process, element);
        var extensions = ExtensionElements.Read(context, element, Extensions, allowExpectedOutputs: true);
        var values = process.Values(element);
        var assignment = extensions.Zeebe("assignmentDefinition");
        var schedule = extensions.Zeebe("taskSchedule");
        values.CheckAttributes(assignment, "assignee", "candidateUsers", "candidateGroups");
        values.CheckAttributes(schedule, "dueDate", "followUpDate");
        values.CheckAttributes(extensions.Zeebe("priorityDefinition"), "priority");
        values.CheckAttributes(extensions.Zeebe("userTask"));

        var definition = new UserTaskDefinition
        {
            IsCamundaUserTask = extensions.Zeebe("userTask") is not null,
            Assignee = Either(values, assignment, "assignee", (text, at) => values.String(text, "The assignee", at)),
            CandidateUsers = Either(values, assignment, "candidateUsers", (text, at) => values.List(text, "candidateUsers", at)),
            CandidateGroups = Either(values, assignment, "candidateGroups", (text, at) => values.List(text, "candidateGroups", at)),
            DueDate = Either(values, schedule, "dueDate", (text, at) => values.Date(text, "The dueDate", at)),
            FollowUpDate = Either(values, schedule, "followUpDate", (text, at) => values.Date(text, "The followUpDate", at)),
            Priority = Priority(values, extensions) ?? ExpressionOrValue<int>.Static(UserTaskDefinition.DefaultPriority, "50"),
            Form = FormReader.Read(process, values, extensions.Zeebe("formDefinition")),
            Listeners = Listeners(values, extensions.Zeebe("taskListeners")),
            ExpectedOutputs = ExpectedOutputs(values, element, extensions.FleansExpectedOutputs),
        };

        return new UserTask
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            MultiInstance = multiInstance,
            Definition = definition,
            Headers = extensions.Headers(context, element),
            IoMapping = IoMappingReader.Read(values, extensions),
            Properties = extensions.Properties(context, element),
        };
    }

    /// <summary>Reads a property that may come from a zeebe:* attribute or the camunda:* attribute of the same name.</summary>
    private static T? Either<T>(ValueReader values, XElement? zeebe, string name, Func<string, XObject, T?> read) where T : class
    {
        var fromZeebe = zeebe?.Attribute(name);
        var fromCamunda = values.Owner.Attribute(BpmnNamespaces.Camunda + name);
        if (fromZeebe is not null && !string.IsNullOrWhiteSpace(fromZeebe.Value)
            && fromCamunda is not null && !string.IsNullOrWhiteSpace(fromCamunda.Value))
        {
            values.Report($"{name} is set twice, as zeebe:{zeebe!.Name.LocalName} {name} and as camunda:{name}; keep one.", fromCamunda);
            return null;
        }

        var chosen = fromZeebe is not null && !string.IsNullOrWhiteSpace(fromZeebe.Value) ? fromZeebe : fromCamunda;
        return chosen is null || string.IsNullOrWhiteSpace(chosen.Value) ? null : read(chosen.Value, chosen);
    }

    private static ExpressionOrValue<int>? Priority(ValueReader values, ExtensionElements extensions) =>
        extensions.Zeebe("priorityDefinition") is { } definition && definition.Attribute("priority") is { } priority
            ? values.Integer(priority.Value, "The priority", priority, 0, 100)
            : null;

    private static IReadOnlyList<TaskListener> Listeners(ValueReader values, XElement? container)
    {
        if (container is null)
            return [];

        var listeners = new List<TaskListener>();
        foreach (var listener in container.Elements())
        {
            if (listener.Name != BpmnNamespaces.Zeebe + "taskListener")
            {
                values.Report($"zeebe:taskListeners may only contain zeebe:taskListener, not {listener.Name.LocalName}.", listener);
                continue;
            }

            values.CheckAttributes(listener, "eventType", "type", "retries");
            var eventTypeText = listener.Attribute("eventType")?.Value.Trim() ?? "";
            TaskListenerEventType? eventType = eventTypeText switch
            {
                "creating" => TaskListenerEventType.Creating,
                "assigning" => TaskListenerEventType.Assigning,
                "updating" => TaskListenerEventType.Updating,
                "completing" => TaskListenerEventType.Completing,
                "canceling" => TaskListenerEventType.Canceling,
                _ => null,
            };
            if (eventType is null)
                values.Report($"The task listener eventType must be creating, assigning, updating, completing or canceling, got '{eventTypeText}'.", listener);

            var typeText = listener.Attribute("type")?.Value;
            var type = values.String(typeText, "The task listener job type", listener);
            if (string.IsNullOrWhiteSpace(typeText))
                values.Report("A task listener needs a job type: set type=\"...\".", listener);

            var retries = listener.Attribute("retries") is { } retriesText
                ? values.Integer(retriesText.Value, "The task listener retries", listener, 0, int.MaxValue)
                : ExpressionOrValue<int>.Static(JobDefinition.DefaultRetries, "3");
            if (eventType is not null && type is not null && retries is not null)
                listeners.Add(new TaskListener(eventType.Value, type, retries));
        }

        return listeners;
    }

    /// <summary>
    /// <c>fleans:expectedOutputs</c> as an attribute or element holding a comma-separated list, or as an element with
    /// <c>fleans:expectedOutput name=</c> (or the older <c>fleans:output name=</c>) children.
    /// </summary>
    private static IReadOnlyList<string> ExpectedOutputs(ValueReader values, XElement task, XElement? element)
    {
        var names = new List<string>();
        var attribute = task.Attributes().FirstOrDefault(a => a.Name.LocalName == "expectedOutputs" && BpmnNamespaces.IsFleans(a.Name.Namespace, task));
        if (attribute is not null)
            names.AddRange(ValueReader.SplitList(attribute.Value));

        if (element is not null)
        {
            if (!element.HasElements)
                names.AddRange(ValueReader.SplitList(element.Value));

            foreach (var child in element.Elements())
            {
                var name = child.Attribute("name")?.Value.Trim();
                if (child.Name.LocalName is not ("expectedOutput" or "output") || !BpmnNamespaces.IsFleans(child.Name.Namespace, child))
                    values.Report($"fleans:expectedOutputs may only contain fleans:expectedOutput elements, not {child.Name.LocalName}.", child);
                else if (string.IsNullOrEmpty(name))
                    values.Report("fleans:expectedOutput needs a 'name'.", child);
                else
                    names.Add(name);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
