using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads exclusive, inclusive and parallel gateways (conditions live on the flows; see <see cref="ScopeValidator"/>).</summary>
internal static class GatewayReader
{
    public static FlowNode Read(ProcessContext process, XElement element, ElementInfo info)
    {
        var context = process.Context;
        AttributeGuard.Check(context, element);
        ChildGuard.Check(context, element);
        var properties = ExtensionElements.Read(context, element, []).Properties(context, element);
        var defaultFlow = element.Attribute("default")?.Value.Trim();
        if (string.IsNullOrEmpty(defaultFlow))
            defaultFlow = null;

        switch (info.ElementType)
        {
            case "exclusiveGateway":
                return new ExclusiveGateway
                {
                    Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
                    DefaultFlowId = defaultFlow, Properties = properties,
                };
            case "inclusiveGateway":
                return new InclusiveGateway
                {
                    Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
                    DefaultFlowId = defaultFlow, Properties = properties,
                };
            default:
                if (defaultFlow is not null)
                    context.Report(element, "A parallel gateway cannot have a default flow.", element.Attribute("default"));
                return new ParallelGateway
                {
                    Id = info.Id, Name = info.Name, ElementType = info.ElementType, ScopeId = info.ScopeId, Line = info.Line,
                    Properties = properties,
                };
        }
    }
}
