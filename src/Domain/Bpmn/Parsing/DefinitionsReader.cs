using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Reads the <c>definitions</c> root: declared errors, collaborations (pools), and every executable process.
/// Non-executable processes are skipped, as Zeebe does; at least one executable process is required.
/// </summary>
internal static class DefinitionsReader
{
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";

    // Root declarations without behaviour of their own; events that would use messages or signals are rejected where they occur.
    private static readonly string[] InertRootElements =
    [
        "documentation", "message", "signal", "escalation", "itemDefinition", "dataStore", "category", "interface", "resource",
    ];

    public static IReadOnlyList<ProcessDefinition> Read(ParseContext context, XDocument document)
    {
        var root = document.Root!;
        if (root.Name != BpmnNamespaces.Name("definitions"))
        {
            context.Report(new BpmnProblem(null, root.Name.LocalName, ParseContext.LineOf(root),
                $"The root element must be definitions in namespace {BpmnNamespaces.Bpmn.NamespaceName}, got {{{root.Name.NamespaceName}}}{root.Name.LocalName}."));
            return [];
        }

        CheckUniqueIds(context, root);
        ReadErrors(context, root);
        var processes = root.Elements(BpmnNamespaces.Name("process")).ToList();
        var processIds = processes.Select(ParseContext.IdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var child in root.Elements())
            CheckRootChild(context, root, child, processIds);

        var result = new List<ProcessDefinition>();
        foreach (var process in processes)
        {
            var id = ParseContext.IdOf(process)?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                context.Report(process, "The process has no id; the id is the process's bpmnProcessId.");
                continue;
            }

            if (!string.Equals(process.Attribute("isExecutable")?.Value.Trim(), "true", StringComparison.Ordinal))
            {
                context.SkippedProcessIds.Add(id);
                continue;
            }

            result.Add(ProcessReader.Read(context, process, id));
        }

        if (result.Count == 0)
        {
            context.Report(root, processes.Count == 0
                ? "The file contains no process; at least one executable process is required."
                : "The file contains no executable process; set isExecutable=\"true\" on at least one process.");
        }

        return result;
    }

    private static void CheckUniqueIds(ParseContext context, XElement root)
    {
        var seen = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.Descendants().Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn))
        {
            if (element.Attribute("id")?.Value is not { Length: > 0 } id)
                continue;

            if (!seen.TryAdd(id, element))
            {
                var first = seen[id];
                context.Report(element, $"The id '{id}' is already used by {first.Name.LocalName} on line {ParseContext.LineOf(first)}; ids must be unique in a file.");
            }
        }
    }

    private static void ReadErrors(ParseContext context, XElement root)
    {
        foreach (var error in root.Elements(BpmnNamespaces.Name("error")))
        {
            var id = ParseContext.IdOf(error)?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                context.Report(error, "The error has no id; event definitions refer to it by id.");
                continue;
            }

            var code = error.Attribute("errorCode")?.Value.Trim();
            if (code is { Length: > 0 } && code.StartsWith('='))
            {
                context.Report(error, "FEEL expressions as errorCode are not supported; use a static error code.", error.Attribute("errorCode"));
                code = null;
            }

            context.Errors.TryAdd(id, new BpmnError(id, error.Attribute("name")?.Value, string.IsNullOrEmpty(code) ? null : code));
        }
    }

    private static void CheckRootChild(ParseContext context, XElement root, XElement child, HashSet<string> processIds)
    {
        if (child.Name.Namespace == Di)
            return;

        var name = child.Name.LocalName;
        if (child.Name.Namespace != BpmnNamespaces.Bpmn)
        {
            context.Report(root, $"The element {{{child.Name.NamespaceName}}}{name} is not supported at the top level of a BPMN file.", child);
            return;
        }

        switch (name)
        {
            case "process" or "error":
                return;
            case "collaboration":
                CheckCollaboration(context, child, processIds);
                return;
            case "extensionElements" when !child.HasElements:
                return;
            case var inert when InertRootElements.Contains(inert):
                return;
            default:
                context.Report(child, $"The top-level element {name} is not supported; allowed are process, collaboration, error and documentation-only declarations.");
                return;
        }
    }

    private static void CheckCollaboration(ParseContext context, XElement collaboration, HashSet<string> processIds)
    {
        AttributeGuard.Check(context, collaboration);
        foreach (var child in collaboration.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name.Namespace == BpmnNamespaces.Bpmn && name == "participant")
            {
                AttributeGuard.Check(context, child);
                var processRef = child.Attribute("processRef")?.Value.Trim();
                if (!string.IsNullOrEmpty(processRef) && !processIds.Contains(processRef))
                    context.Report(child, $"processRef '{processRef}' does not name a process of this file.", child.Attribute("processRef"));
                if (child.Element(BpmnNamespaces.Name("participantMultiplicity")) is { } multiplicity)
                    context.Report(child, "Multi-instance pools (participantMultiplicity) are not supported.", multiplicity);
            }
            else if (child.Name.Namespace == BpmnNamespaces.Bpmn && name == "messageFlow")
            {
                context.Report(child, "Message flows between pools are not supported; pools must be independent processes.");
            }
            else if (child.Name.Namespace == BpmnNamespaces.Bpmn && (ScopeReader.Artifacts.Contains(name) || name is "documentation" or "extensionElements"))
            {
                continue;
            }
            else
            {
                context.Report(collaboration, $"The element {name} is not supported inside a collaboration; allowed are participant (pools) and annotations.", child);
            }
        }
    }
}
