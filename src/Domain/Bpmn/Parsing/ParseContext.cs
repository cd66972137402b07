using System.Xml;
using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>State shared while reading one file: the problems found so far and the file-wide declarations.</summary>
internal sealed class ParseContext
{
    private readonly List<BpmnProblem> _problems = [];
    private readonly HashSet<string> _elementsWithProblems = new(StringComparer.Ordinal);

    public IReadOnlyList<BpmnProblem> Problems => _problems;

    public List<string> SkippedProcessIds { get; } = [];

    /// <summary>The <c>bpmn:error</c> declarations of the file, by id.</summary>
    public Dictionary<string, BpmnError> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems about <paramref name="element"/>, located at <paramref name="at"/> (an attribute's or child's line).</summary>
    public void Report(XElement element, string reason, XObject? at = null) =>
        Report(new BpmnProblem(IdOf(element), element.Name.LocalName, LineOf(at ?? element), reason));

    public void Report(BpmnProblem problem)
    {
        _problems.Add(problem);
        if (problem.ElementId is not null)
            _elementsWithProblems.Add(problem.ElementId);
    }

    /// <summary>True when a problem was already reported for the element, so follow-up checks can stay quiet.</summary>
    public bool HasProblem(string elementId) => _elementsWithProblems.Contains(elementId);

    public static string? IdOf(XElement element) => element.Attribute("id")?.Value;

    public static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>A short description for reasons, e.g. <c>userTask 'review'</c>.</summary>
    public static string Describe(XElement element) =>
        IdOf(element) is { } id ? $"{element.Name.LocalName} '{id}'" : element.Name.LocalName;
}
