using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>What the readers of one process share: the file context, the scope of every id, and the collected nodes.</summary>
internal sealed class ProcessContext(ParseContext context, string processId, Dictionary<string, string> scopeOfId)
{
    public ParseContext Context => context;

    public string ProcessId => processId;

    /// <summary>For every id inside the process: the id of the scope (process or sub-process) that directly contains it.</summary>
    public IReadOnlyDictionary<string, string> ScopeOfId => scopeOfId;

    public Dictionary<string, EmbeddedForm> EmbeddedForms { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FlowNode> FlowNodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SequenceFlow> SequenceFlows { get; } = new(StringComparer.Ordinal);

    public ValueReader Values(XElement owner) => new(context, owner);

    /// <summary>Builds the scope map: a flow element belongs to the nearest enclosing process or sub-process.</summary>
    public static Dictionary<string, string> MapScopes(XElement process)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(process, process.Attribute("id")?.Value ?? "");
        return map;

        void Walk(XElement scope, string scopeId)
        {
            foreach (var child in scope.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn))
            {
                if (child.Attribute("id")?.Value is { Length: > 0 } id)
                {
                    map.TryAdd(id, scopeId);
                    if (child.Name.LocalName is "subProcess" or "adHocSubProcess" or "transaction")
                        Walk(child, id);
                }
            }
        }
    }
}
