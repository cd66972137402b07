using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads <c>multiInstanceLoopCharacteristics</c> with its <c>zeebe:loopCharacteristics</c>.</summary>
internal static class MultiInstanceReader
{
    public static MultiInstanceCharacteristics? Read(ProcessContext process, XElement activity)
    {
        var element = activity.Element(BpmnNamespaces.Name("multiInstanceLoopCharacteristics"));
        if (element is null)
            return null;

        var context = process.Context;
        var values = process.Values(activity);
        AttributeGuard.Check(context, element);
        ChildGuard.Check(context, element, "completionCondition");
        foreach (var attribute in new[] { "behavior", "oneBehaviorEventRef", "noneBehaviorEventRef" })
        {
            if (element.Attribute(attribute) is { } unsupported)
                values.Report($"The multi-instance attribute {attribute} is not supported.", unsupported);
        }

        if (element.Element(BpmnNamespaces.Name("loopCardinality")) is { } cardinality)
            values.Report("loopCardinality is not supported; set zeebe:loopCharacteristics inputCollection instead.", cardinality);

        var isSequential = string.Equals(element.Attribute("isSequential")?.Value.Trim(), "true", StringComparison.Ordinal);
        var extensions = ExtensionElements.Read(context, element, ["loopCharacteristics"]);
        var loop = extensions.Zeebe("loopCharacteristics");
        BpmnExpression? inputCollection = null;
        string? inputElement = null, outputCollection = null;
        BpmnExpression? outputElement = null;
        if (loop is null)
        {
            values.Report("Multi-instance needs zeebe:loopCharacteristics with an inputCollection.", element);
        }
        else
        {
            values.CheckAttributes(loop, "inputCollection", "inputElement", "outputCollection", "outputElement");
            var text = loop.Attribute("inputCollection")?.Value;
            inputCollection = values.Expression(text, "The multi-instance inputCollection", loop);
            if (string.IsNullOrWhiteSpace(text))
                values.Report("Multi-instance needs an inputCollection (a FEEL expression yielding a list) on zeebe:loopCharacteristics.", loop);

            inputElement = NonEmpty(loop.Attribute("inputElement")?.Value);
            outputCollection = NonEmpty(loop.Attribute("outputCollection")?.Value);
            var outputElementText = loop.Attribute("outputElement")?.Value;
            outputElement = values.Expression(outputElementText, "The multi-instance outputElement", loop);
            if (string.IsNullOrWhiteSpace(outputElementText) != (outputCollection is null))
                values.Report("Multi-instance outputCollection and outputElement must be set together.", loop);
        }

        var completion = element.Element(BpmnNamespaces.Name("completionCondition"));
        var completionCondition = completion is null
            ? null
            : values.Expression(completion.Value, "The multi-instance completionCondition", completion);

        return new MultiInstanceCharacteristics(
            isSequential,
            inputCollection ?? BpmnExpression.Placeholder,
            inputElement,
            outputCollection,
            outputElement,
            completionCondition);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
