using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>The XML namespaces a Camunda Modeler file uses, and which of them carry behaviour.</summary>
internal static class BpmnNamespaces
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    public static readonly XNamespace Modeler = "http://camunda.org/schema/modeler/1.0";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace Xmlns = XNamespace.Xmlns;

    /// <summary>The namespace Fleans documents for its extensions; files may bind <c>fleans</c> to other URIs too.</summary>
    public static readonly XNamespace Fleans = "http://fleans.io/schema/bpmn/fleans";

    public const string FleansPrefix = "fleans";

    /// <summary>
    /// Fleans has published its extensions under several URIs over time, so the namespace is recognised by the
    /// prefix the file binds to it (<c>xmlns:fleans="..."</c>), plus the documented URI under any prefix.
    /// </summary>
    public static bool IsFleans(XNamespace ns, XElement scope) =>
        ns == Fleans || (ns != XNamespace.None && scope.GetPrefixOfNamespace(ns) == FleansPrefix);

    public static XName Name(string localName) => Bpmn + localName;
}
