using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Checks the extension attributes (those in a namespace) of a BPMN element: layout and modeler metadata pass,
/// the Camunda 7 and Fleans attributes the engine honours pass where they apply, everything else is reported.
/// </summary>
internal static class AttributeGuard
{
    /// <summary>Camunda 7 user-task attributes honoured as equivalents of the zeebe:* extension elements.</summary>
    public static readonly string[] CamundaUserTaskAttributes = ["assignee", "candidateUsers", "candidateGroups", "formKey", "dueDate"];

    /// <summary>
    /// Camunda 7 process attributes without runtime behaviour here (history retention, a Tasklist start flag) or with a
    /// direct equivalent (versionTag); Camunda Modeler writes the first one into every Camunda 7 process.
    /// </summary>
    public static readonly string[] CamundaProcessAttributes = ["historyTimeToLive", "isStartableInTasklist", "versionTag"];

    // Element-template metadata written by Camunda Modeler; it only affects the properties panel.
    private static readonly string[] ZeebeMetadataAttributes = ["modelerTemplate", "modelerTemplateVersion", "modelerTemplateIcon"];

    public static void Check(ParseContext context, XElement element, IReadOnlyCollection<string>? camundaAllowed = null, bool fleansExpectedOutputs = false)
    {
        foreach (var attribute in element.Attributes())
        {
            var ns = attribute.Name.Namespace;
            var name = attribute.Name.LocalName;
            if (attribute.IsNamespaceDeclaration || ns == XNamespace.None || ns == BpmnNamespaces.Xsi || ns == BpmnNamespaces.Modeler)
                continue;

            if (ns == BpmnNamespaces.Zeebe)
            {
                if (!ZeebeMetadataAttributes.Contains(name))
                    context.Report(element, $"The attribute zeebe:{name} is not supported on {element.Name.LocalName}.", attribute);
            }
            else if (ns == BpmnNamespaces.Camunda)
            {
                if (camundaAllowed?.Contains(name) != true)
                {
                    context.Report(element, $"The Camunda 7 attribute camunda:{name} is not supported on {element.Name.LocalName}; " +
                        $"honoured are only {string.Join(", ", CamundaUserTaskAttributes.Select(a => "camunda:" + a))} on user tasks " +
                        $"and {string.Join(", ", CamundaProcessAttributes.Select(a => "camunda:" + a))} on processes.", attribute);
                }
            }
            else if (BpmnNamespaces.IsFleans(ns, element))
            {
                if (!(fleansExpectedOutputs && name == "expectedOutputs"))
                    context.Report(element, $"The attribute fleans:{name} is not supported on {element.Name.LocalName}; only fleans:expectedOutputs on user tasks is.", attribute);
            }
            else
            {
                context.Report(element, $"The extension attribute {{{ns.NamespaceName}}}{name} is not supported.", attribute);
            }
        }
    }
}
