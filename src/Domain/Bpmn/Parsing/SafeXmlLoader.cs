using System.Xml;
using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Loads untrusted XML without DTDs, entities or external resolution, with a size cap, turning every failure into a
/// problem with a line number.
/// </summary>
internal static class SafeXmlLoader
{
    public sealed record Result(XDocument? Document, BpmnProblem? Problem);

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = BpmnParser.MaxDocumentCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    public static Result Load(TextReader input)
    {
        using var reader = XmlReader.Create(input, Settings());
        return Load(reader);
    }

    public static Result Load(Stream input)
    {
        using var reader = XmlReader.Create(input, Settings());
        return Load(reader);
    }

    public static BpmnProblem TooLarge() => new(
        null,
        "document",
        0,
        $"The file is larger than the allowed {BpmnParser.MaxDocumentCharacters} characters (10 MiB).");

    private static Result Load(XmlReader reader)
    {
        try
        {
            return new Result(XDocument.Load(reader, LoadOptions.SetLineInfo), null);
        }
        catch (XmlException e)
        {
            return new Result(null, Describe(e));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            return new Result(null, new BpmnProblem(null, "document", 0, $"The file could not be read as XML: {e.Message}"));
        }
    }

    private static BpmnProblem Describe(XmlException e)
    {
        // The reader's messages are the only signal for which limit was hit; they are not localised (invariant globalization).
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return new BpmnProblem(null, "document", e.LineNumber,
                "The file contains a document type declaration (<!DOCTYPE>); DTDs, entity declarations and external entities are not allowed in BPMN files.");
        }

        if (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
            return TooLarge() with { Line = e.LineNumber };

        if (e.Message.Contains("MaxCharactersFromEntities", StringComparison.Ordinal))
            return new BpmnProblem(null, "document", e.LineNumber, "Entity expansion is not allowed in BPMN files.");

        return new BpmnProblem(null, "document", e.LineNumber, $"The file is not well-formed XML: {e.Message}");
    }
}
