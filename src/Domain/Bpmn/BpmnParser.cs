using TaskFunctions.Domain.Bpmn.Parsing;

namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// Reads BPMN 2.0 XML as Camunda Modeler 5.x exports it and returns validated, immutable process definitions, or the
/// complete list of reasons the file cannot be deployed. Never throws for any input.
/// </summary>
public static class BpmnParser
{
    /// <summary>Files larger than this (in characters) are refused before anything else is read.</summary>
    public const int MaxDocumentCharacters = 10 * 1024 * 1024;

    public static BpmnParseResult Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxDocumentCharacters)
            return Failure(SafeXmlLoader.TooLarge());

        return Parse(SafeXmlLoader.Load(xml));
    }

    public static BpmnParseResult Parse(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Parse(SafeXmlLoader.Load(xml));
    }

    private static BpmnParseResult Parse(SafeXmlLoader.Result loaded)
    {
        if (loaded.Problem is not null)
            return Failure(loaded.Problem);

        try
        {
            var context = new ParseContext();
            var processes = DefinitionsReader.Read(context, loaded.Document!);
            return context.Problems.Count == 0
                ? BpmnParseResult.Success(processes, context.SkippedProcessIds)
                : BpmnParseResult.Failure(context.Problems, context.SkippedProcessIds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect in the parser must still come back as a deploy problem, never as a crash of the caller.
            return Failure(new BpmnProblem(null, "document", 0, $"The parser failed on this file ({e.GetType().Name}: {e.Message}); please report it."));
        }
    }

    private static BpmnParseResult Failure(BpmnProblem problem) => BpmnParseResult.Failure([problem], []);
}
