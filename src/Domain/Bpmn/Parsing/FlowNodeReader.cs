using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Dispatches a flow-node element to the reader for its kind, or reports it as unsupported.</summary>
internal static class FlowNodeReader
{
    private delegate FlowNode Reader(ProcessContext process, XElement element, ElementInfo info);

    private static readonly Dictionary<string, Reader> Readers = new(StringComparer.Ordinal)
    {
        ["startEvent"] = EventReader.Start,
        ["endEvent"] = EventReader.End,
        ["intermediateCatchEvent"] = EventReader.IntermediateCatch,
        ["intermediateThrowEvent"] = EventReader.IntermediateThrow,
        ["boundaryEvent"] = EventReader.Boundary,
        ["userTask"] = UserTaskReader.Read,
        ["serviceTask"] = TaskReader.JobWorker,
        ["sendTask"] = TaskReader.JobWorker,
        ["businessRuleTask"] = TaskReader.JobWorker,
        ["scriptTask"] = TaskReader.Script,
        ["task"] = TaskReader.PassThrough,
        ["manualTask"] = TaskReader.PassThrough,
        ["subProcess"] = TaskReader.SubProcess,
        ["exclusiveGateway"] = GatewayReader.Read,
        ["inclusiveGateway"] = GatewayReader.Read,
        ["parallelGateway"] = GatewayReader.Read,
    };

    /// <summary>BPMN flow nodes this engine does not execute.</summary>
    public static readonly string[] Unsupported =
    [
        "receiveTask", "callActivity", "eventBasedGateway", "complexGateway", "adHocSubProcess", "transaction",
        "subChoreography", "choreographyTask", "callChoreography", "implicitThrowEvent",
    ];

    /// <summary>The unsupported elements that are activities in BPMN, so a boundary event may legitimately sit on them.</summary>
    public static readonly string[] UnsupportedActivities = ["receiveTask", "callActivity", "adHocSubProcess", "transaction"];

    public static IEnumerable<string> Supported => Readers.Keys;

    public static bool IsFlowNode(string localName) => Readers.ContainsKey(localName) || Unsupported.Contains(localName);

    public static FlowNode? Read(ProcessContext process, XElement element, string scopeId)
    {
        if (ElementInfo.Read(process.Context, element, scopeId) is not { } info)
            return null;

        if (Readers.TryGetValue(info.ElementType, out var reader))
            return reader(process, element, info);

        process.Context.Report(element,
            $"The element {info.ElementType} is not supported; supported elements are {string.Join(", ", Readers.Keys)}.");

        // Stands in for the unsupported node so that flows to and from it do not produce follow-up problems.
        return new PassThroughTask
        {
            Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
        };
    }
}
