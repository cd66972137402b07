using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>The attributes every flow node has, read once.</summary>
internal readonly record struct ElementInfo(string Id, string? Name, string ElementType, string ScopeId, int Line)
{
    /// <summary>Reads id and name; reports (and returns null for) an element without id, which nothing could refer to.</summary>
    public static ElementInfo? Read(ParseContext context, XElement element, string scopeId)
    {
        var id = element.Attribute("id")?.Value.Trim();
        if (string.IsNullOrEmpty(id))
        {
            context.Report(element, $"{element.Name.LocalName} has no id; every flow element needs a unique id.");
            return null;
        }

        var name = element.Attribute("name")?.Value;
        return new ElementInfo(id, name, element.Name.LocalName, scopeId, ParseContext.LineOf(element));
    }
}
