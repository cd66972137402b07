using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads the tasks other than user tasks: job-worker tasks, script tasks and pass-through tasks.</summary>
internal static class TaskReader
{
    private static readonly string[] JobWorkerExtensions = ["taskDefinition", "ioMapping", "taskHeaders"];
    private static readonly string[] ScriptExtensions = ["script", "taskDefinition", "ioMapping", "taskHeaders"];
    private static readonly string[] PassThroughExtensions = ["ioMapping"];

    public static FlowNode JobWorker(ProcessContext process, XElement element, ElementInfo info)
    {
        var multiInstance = ActivityReader.ReadCommon(process, element);
        var extensions = ExtensionElements.Read(process.Context, element, JobWorkerExtensions);
        var values = process.Values(element);
        return new JobWorkerTask
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            MultiInstance = multiInstance,
            Job = Job(values, extensions),
            Headers = extensions.Headers(process.Context, element),
            IoMapping = IoMappingReader.Read(values, extensions),
            Properties = extensions.Properties(process.Context, element),
        };
    }

    /// <summary>A script task is either a FEEL script (<c>zeebe:script</c>) or a job for a worker (<c>zeebe:taskDefinition</c>).</summary>
    public static FlowNode Script(ProcessContext process, XElement element, ElementInfo info)
    {
        var multiInstance = ActivityReader.ReadCommon(process, element);
        var context = process.Context;
        var extensions = ExtensionElements.Read(context, element, ScriptExtensions);
        var values = process.Values(element);
        var ioMapping = IoMappingReader.Read(values, extensions);
        var properties = extensions.Properties(context, element);
        var script = extensions.Zeebe("script");
        if (script is null && extensions.Zeebe("taskDefinition") is not null)
        {
            return new JobWorkerTask
            {
                Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
                MultiInstance = multiInstance, Job = Job(values, extensions), Headers = extensions.Headers(context, element),
                IoMapping = ioMapping, Properties = properties,
            };
        }

        if (script is not null && extensions.Zeebe("taskDefinition") is { } both)
            values.Report("A script task has either zeebe:script or zeebe:taskDefinition, not both.", both);
        if (script is not null && extensions.Zeebe("taskHeaders") is { } headers)
            values.Report("zeebe:taskHeaders only apply to script tasks run by a job worker (zeebe:taskDefinition).", headers);

        BpmnExpression? expression = null;
        string? resultVariable = null;
        if (script is null)
        {
            values.Report("A script task needs zeebe:script with a FEEL expression and a resultVariable (or zeebe:taskDefinition for a job worker).");
        }
        else
        {
            values.CheckAttributes(script, "expression", "resultVariable");
            var text = script.Attribute("expression")?.Value;
            if (string.IsNullOrWhiteSpace(text))
                values.Report("The script task has no expression: set zeebe:script expression=\"=...\".", script);
            else
                expression = values.Expression(text, "The script expression", script);
            resultVariable = values.Required(script, "resultVariable", "The script task's result variable");
        }

        return new ScriptTask
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            MultiInstance = multiInstance,
            Expression = expression ?? BpmnExpression.Placeholder,
            ResultVariable = resultVariable ?? "",
            IoMapping = ioMapping,
            Properties = properties,
        };
    }

    public static FlowNode PassThrough(ProcessContext process, XElement element, ElementInfo info)
    {
        var multiInstance = ActivityReader.ReadCommon(process, element);
        var extensions = ExtensionElements.Read(process.Context, element, PassThroughExtensions);
        return new PassThroughTask
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            MultiInstance = multiInstance,
            IoMapping = IoMappingReader.Read(process.Values(element), extensions),
            Properties = extensions.Properties(process.Context, element),
        };
    }

    public static FlowNode SubProcess(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        if (element.Attribute("triggeredByEvent") is { Value: "true" } trigger)
            context.Report(element, "Event sub-processes (triggeredByEvent=\"true\") are not supported.", trigger);

        var multiInstance = ActivityReader.ReadCommon(process, element, ScopeReader.ScopeChildren);
        var extensions = ExtensionElements.Read(context, element, PassThroughExtensions);
        var scope = ScopeReader.Read(process, element, info.Id);
        return new SubProcess
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            MultiInstance = multiInstance,
            Scope = scope,
            IoMapping = IoMappingReader.Read(process.Values(element), extensions),
            Properties = extensions.Properties(context, element),
        };
    }

    private static JobDefinition Job(ValueReader values, ExtensionElements extensions)
    {
        var definition = extensions.Zeebe("taskDefinition");
        values.CheckAttributes(definition, "type", "retries");
        var typeText = definition?.Attribute("type")?.Value;
        ExpressionOrValue<string>? type = null;
        if (definition is null || string.IsNullOrWhiteSpace(typeText))
        {
            values.Report($"A {values.Owner.Name.LocalName} needs a job type: set zeebe:taskDefinition type=\"...\" (static or FEEL).", definition ?? values.Owner);
        }
        else
        {
            type = values.String(typeText, "The job type", definition);
        }

        var retries = definition?.Attribute("retries") is { } retriesAttribute
            ? values.Integer(retriesAttribute.Value, "The job retries", definition, 0, int.MaxValue)
            : null;
        return new JobDefinition(
            type ?? ExpressionOrValue<string>.Static("", ""),
            retries ?? ExpressionOrValue<int>.Static(JobDefinition.DefaultRetries, "3"));
    }
}
