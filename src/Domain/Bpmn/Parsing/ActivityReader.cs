using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>What every activity shares: attribute and child checks, multi-instance, and the behaviour-changing BPMN attributes.</summary>
internal static class ActivityReader
{
    /// <summary>Checks the activity element itself; returns its multi-instance characteristics, if any.</summary>
    public static MultiInstanceCharacteristics? ReadCommon(ProcessContext process, XElement element, params string[] handledChildren)
    {
        var context = process.Context;
        var isUserTask = element.Name.LocalName == "userTask";
        AttributeGuard.Check(context, element, isUserTask ? AttributeGuard.CamundaUserTaskAttributes : null, fleansExpectedOutputs: isUserTask);
        ChildGuard.Check(context, element, [.. handledChildren, "multiInstanceLoopCharacteristics"]);

        if (element.Attribute("isForCompensation") is { Value: "true" } compensation)
            context.Report(element, "Compensation activities (isForCompensation=\"true\") are not supported.", compensation);

        foreach (var name in new[] { "startQuantity", "completionQuantity" })
        {
            if (element.Attribute(name) is { } quantity && quantity.Value.Trim() != "1")
                context.Report(element, $"{name} other than 1 is not supported, got '{quantity.Value}'.", quantity);
        }

        if (element.Attribute("default") is { } defaultFlow)
            context.Report(element, "Default flows on activities are not supported; use an exclusive gateway with a default flow.", defaultFlow);

        return MultiInstanceReader.Read(process, element);
    }
}
