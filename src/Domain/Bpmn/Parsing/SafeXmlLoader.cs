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

    public static Result Load(string xml)
    {
        // Bytes with a byte order mark decoded without stripping it (Encoding.UTF8.GetString) start with U+FEFF,
        // which is not XML; a stream reader would have dropped it.
        using var text = new StringReader(xml.StartsWith('\uFEFF') ? xml[1..] : xml);
        using var reader = XmlReader.Create(text, Settings());
        return Load(reader, () => LineOfDoctype(xml));
    }

    public static Result Load(Stream input)
    {
        var start = input.CanSeek ? input.Position : -1;
        using var reader = XmlReader.Create(input, Settings());
        return Load(reader, () => start < 0 ? 0 : LineOfDoctype(input, start));
    }

    /// <summary>
    /// Deeper nesting than any real diagram has; the readers recurse per sub-process, so the depth is bounded up front.
    /// </summary>
    public const int MaxDepth = 256;

    public static BpmnProblem TooLarge() => new(
        null,
        "document",
        0,
        $"The file is larger than the allowed {BpmnParser.MaxDocumentCharacters} characters (10 MiB).");

    private static Result Load(XmlReader reader, Func<int> doctypeLine)
    {
        try
        {
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            return TooDeep(document) is { } deep
                ? new Result(null, new BpmnProblem(null, "document", ParseContext.LineOf(deep), $"Elements are nested deeper than {MaxDepth} levels."))
                : new Result(document, null);
        }
        catch (XmlException e)
        {
            // The reader reports a prohibited DTD without a position, so it is located in the text instead.
            var problem = Describe(e);
            return new Result(null, problem.Line > 0 ? problem : problem with { Line = doctypeLine() });
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            return new Result(null, new BpmnProblem(null, "document", 0, $"The file could not be read as XML: {e.Message}"));
        }
    }

    private static XElement? TooDeep(XDocument document)
    {
        var pending = new Stack<(XElement Element, int Depth)>();
        if (document.Root is { } root)
            pending.Push((root, 1));
        while (pending.TryPop(out var current))
        {
            if (current.Depth > MaxDepth)
                return current.Element;
            foreach (var child in current.Element.Elements())
                pending.Push((child, current.Depth + 1));
        }

        return null;
    }

    private static int LineOfDoctype(string xml)
    {
        var index = xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return index < 0 ? 0 : 1 + xml.AsSpan(0, index).Count('\n');
    }

    private static int LineOfDoctype(Stream input, long start)
    {
        // The DOCTYPE can only appear in the prolog, so the first few kilobytes are enough.
        input.Position = start;
        using var text = new StreamReader(input, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[64 * 1024];
        var read = text.ReadBlock(buffer, 0, buffer.Length);
        return LineOfDoctype(new string(buffer, 0, read));
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
