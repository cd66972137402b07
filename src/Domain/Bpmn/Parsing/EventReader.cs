using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads start, end, intermediate and boundary events.</summary>
internal static class EventReader
{
    private static readonly string[] NoExtensions = [];
    private static readonly string[] OutputMappings = ["ioMapping"];

    public static FlowNode Start(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        Guard(context, element, []);
        if (element.Attribute("isInterrupting") is { Value: "false" } attribute)
            context.Report(element, "Non-interrupting start events (event sub-processes) are not supported.", attribute);

        var extensions = ExtensionElements.Read(context, element, OutputMappings);
        return new StartEvent
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            IoMapping = IoMappingReader.Read(process.Values(element), extensions, allowInputs: false),
            Properties = extensions.Properties(context, element),
        };
    }

    public static FlowNode End(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        Guard(context, element, ["errorEventDefinition", "terminateEventDefinition"]);
        var definitions = EventDefinitions(element).ToList();
        var kind = EndEventKind.None;
        BpmnError? error = null;
        if (definitions.Count > 1)
        {
            context.Report(element, "An end event may have at most one event definition.", definitions[1]);
        }
        else if (definitions.Count == 1)
        {
            var definition = definitions[0];
            if (definition.Name.LocalName == "terminateEventDefinition")
            {
                kind = EndEventKind.Terminate;
            }
            else if (definition.Name.LocalName == "errorEventDefinition")
            {
                kind = EndEventKind.Error;
                error = ThrownError(context, element, definition);
            }
        }

        return new EndEvent
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            Kind = kind, Error = error,
            Properties = Properties(context, element),
        };
    }

    public static FlowNode IntermediateThrow(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        Guard(context, element, []);
        return new IntermediateThrowEvent
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            Properties = Properties(context, element),
        };
    }

    public static FlowNode IntermediateCatch(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        Guard(context, element, ["timerEventDefinition"]);
        var definitions = EventDefinitions(element).ToList();
        TimerDefinition? timer = null;
        if (definitions.Count != 1)
        {
            context.Report(element, $"An intermediate catch event needs exactly one timerEventDefinition (other catch events are not supported); found {definitions.Count} event definitions.");
        }
        else if (definitions[0].Name.LocalName == "timerEventDefinition")
        {
            timer = TimerReader.Read(process.Values(element), definitions[0], allowCycle: false);
        }

        var extensions = ExtensionElements.Read(context, element, OutputMappings);
        return new IntermediateTimerCatchEvent
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            Timer = timer ?? Placeholder,
            IoMapping = IoMappingReader.Read(process.Values(element), extensions, allowInputs: false),
            Properties = extensions.Properties(context, element),
        };
    }

    public static FlowNode Boundary(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        Guard(context, element, ["timerEventDefinition", "errorEventDefinition"]);
        var extensions = ExtensionElements.Read(context, element, OutputMappings);
        var attachedTo = element.Attribute("attachedToRef")?.Value.Trim() ?? "";
        if (attachedTo.Length == 0)
            context.Report(element, "A boundary event needs attachedToRef naming the activity it is attached to.");

        var cancelActivity = !string.Equals(element.Attribute("cancelActivity")?.Value.Trim(), "false", StringComparison.Ordinal);
        var ioMapping = IoMappingReader.Read(process.Values(element), extensions, allowInputs: false);
        var properties = extensions.Properties(context, element);
        var definitions = EventDefinitions(element).ToList();
        if (definitions.Count != 1)
        {
            context.Report(element, $"A boundary event needs exactly one event definition, timerEventDefinition or errorEventDefinition; found {definitions.Count}.");
        }
        else if (definitions[0].Name.LocalName == "errorEventDefinition")
        {
            if (!cancelActivity)
                context.Report(element, "An error boundary event is always interrupting; remove cancelActivity=\"false\".", element.Attribute("cancelActivity"));

            var errorRef = definitions[0].Attribute("errorRef")?.Value.Trim();
            return new ErrorBoundaryEvent
            {
                Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
                AttachedToId = attachedTo, CancelActivity = true, IoMapping = ioMapping, Properties = properties,
                Error = string.IsNullOrEmpty(errorRef) ? null : CaughtError(context, element, definitions[0], errorRef),
            };
        }

        var timer = definitions.Count == 1 && definitions[0].Name.LocalName == "timerEventDefinition"
            ? TimerReader.Read(process.Values(element), definitions[0], allowCycle: true)
            : null;
        return new TimerBoundaryEvent
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
            AttachedToId = attachedTo, CancelActivity = cancelActivity, IoMapping = ioMapping, Properties = properties,
            Timer = timer ?? Placeholder,
        };
    }

    // Stands in for a timer that was reported as invalid, so structural checks can still run; the file is rejected anyway.
    private static readonly TimerDefinition Placeholder = new() { Kind = TimerKind.Duration };

    private static IEnumerable<XElement> EventDefinitions(XElement element) =>
        element.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn
            && (e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) || e.Name.LocalName == "eventDefinitionRef"));

    private static void Guard(ParseContext context, XElement element, string[] eventDefinitions)
    {
        AttributeGuard.Check(context, element);
        ChildGuard.Check(context, element, eventDefinitions);
    }

    private static IReadOnlyDictionary<string, string> Properties(ParseContext context, XElement element) =>
        ExtensionElements.Read(context, element, NoExtensions).Properties(context, element);

    private static BpmnError? ThrownError(ParseContext context, XElement element, XElement definition)
    {
        var errorRef = definition.Attribute("errorRef")?.Value.Trim();
        if (string.IsNullOrEmpty(errorRef))
        {
            context.Report(element, "An error end event needs an errorRef naming a bpmn:error with an errorCode.", definition);
            return null;
        }

        var error = CaughtError(context, element, definition, errorRef);
        if (error is { ErrorCode: null })
            context.Report(element, $"The error '{errorRef}' thrown by this end event has no errorCode; set errorCode on the bpmn:error.", definition);
        return error;
    }

    private static BpmnError? CaughtError(ParseContext context, XElement element, XElement definition, string errorRef)
    {
        if (context.Errors.TryGetValue(errorRef, out var error))
        {
            if (element.Name.LocalName == "boundaryEvent" && error.ErrorCode is null)
                context.Report(element, $"The error '{errorRef}' caught by this boundary event has no errorCode; set one, or remove errorRef to catch every error.", definition);
            return error;
        }

        context.Report(element, $"errorRef '{errorRef}' does not name a bpmn:error of this file.", definition);
        return null;
    }
}
