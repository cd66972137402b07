using System.Text;
using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Domain.Tests.Bpmn;

public sealed class UnsafeXmlTests
{
    [Theory]
    [InlineData("xxe-external-entity")]
    [InlineData("dtd-declaration")]
    [InlineData("billion-laughs")]
    public void Parse_DocumentTypeDeclaration_IsRejectedWithoutExpansion(string file)
    {
        var problem = Assert.Single(BpmnFixtures.Problems($"Rejected/{file}.bpmn"));

        Assert.Equal(new BpmnProblem(null, "document", 2, problem.Reason), problem);
        Assert.Contains("DTDs, entity declarations and external entities are not allowed", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DocumentTypeDeclarationFromStream_IsRejectedWithLine()
    {
        using var stream = File.OpenRead(BpmnFixtures.PathOf("Rejected/xxe-external-entity.bpmn"));

        var problem = Assert.Single(BpmnParser.Parse(stream).Problems);

        Assert.Equal(2, problem.Line);
        Assert.Contains("DTDs", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndeclaredEntity_IsMalformed()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/undeclared-entity.bpmn"));

        Assert.Equal(3, problem.Line);
        Assert.Contains("not well-formed XML", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("secret", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedXml_ReportsTheLine()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/malformed.bpmn"));

        Assert.Equal("document", problem.ElementType);
        Assert.Equal(6, problem.Line);
        Assert.Contains("not well-formed XML", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherRootElement_IsRejected()
    {
        var problem = Assert.Single(BpmnFixtures.Problems("Rejected/not-bpmn.bpmn"));

        Assert.Equal(("html", 2), (problem.ElementType, problem.Line));
        Assert.Contains("root element must be definitions", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringLargerThan10MiB_IsRejectedBeforeParsing()
    {
        var xml = WithPadding(BpmnFixtures.Read("default-namespace.bpmn"));

        var problem = Assert.Single(BpmnParser.Parse(xml).Problems);

        Assert.Contains("larger than the allowed", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StreamLargerThan10MiB_IsRejectedByTheReader()
    {
        var xml = WithPadding(BpmnFixtures.Read("default-namespace.bpmn"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));

        var problem = Assert.Single(BpmnParser.Parse(stream).Problems);

        Assert.Contains("larger than the allowed", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedSubProcesses_IsRejectedWithoutRecursing()
    {
        const int depth = 5_000;
        var xml = new StringBuilder("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" isExecutable=\"true\">\n");
        for (var i = 0; i < depth; i++)
            xml.Append("<subProcess id=\"s").Append(i).Append("\">");
        for (var i = 0; i < depth; i++)
            xml.Append("</subProcess>");
        xml.Append("</process></definitions>");

        var problem = Assert.Single(BpmnParser.Parse(xml.ToString()).Problems);

        Assert.Equal(2, problem.Line);
        Assert.Contains("nested deeper than 256 levels", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Stream_GivesTheSameModelAsString()
    {
        using var stream = File.OpenRead(BpmnFixtures.PathOf("approval-process.bpmn"));

        var result = BpmnParser.Parse(stream);

        Assert.True(result.IsSuccess);
        Assert.Equal(
            BpmnFixtures.ParseSingle("approval-process.bpmn").FlowNodes.Keys.Order(),
            Assert.Single(result.Processes).FlowNodes.Keys.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml at all")]
    [InlineData("<")]
    [InlineData("<definitions/>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\" isExecutable=\"true\"/></definitions>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process isExecutable=\"true\"><sequenceFlow/><boundaryEvent/><startEvent/></process></definitions>")]
    [InlineData("\uFEFF<?xml version=\"1.0\"?><a>\0</a>")]
    public void Parse_ArbitraryInput_ReturnsProblemsWithoutThrowing(string xml)
    {
        var result = BpmnParser.Parse(xml);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        Assert.DoesNotContain(result.Problems, p => p.Reason.StartsWith("The parser failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RandomBytes_ReturnsProblemsWithoutThrowing()
    {
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 512)];
            random.NextBytes(bytes);
            using var stream = new MemoryStream(bytes);

            var result = BpmnParser.Parse(stream);

            Assert.False(result.IsSuccess);
            Assert.DoesNotContain(result.Problems, p => p.Reason.StartsWith("The parser failed", StringComparison.Ordinal));
        }
    }

    // A comment keeps the file valid BPMN, so only its size can be the reason for rejecting it.
    private static string WithPadding(string xml) =>
        xml.Replace("<process ", $"<!-- {new string('x', BpmnParser.MaxDocumentCharacters)} -->\n  <process ", StringComparison.Ordinal);
}
