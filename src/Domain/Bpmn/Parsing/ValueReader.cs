using System.Globalization;
using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>
/// Reads attribute values that Camunda allows as static value or FEEL expression (<c>=...</c>), checking static
/// values at deploy time and reporting problems against the owning BPMN element.
/// </summary>
internal sealed class ValueReader(ParseContext context, XElement owner)
{
    public ParseContext Context => context;

    public XElement Owner => owner;

    public void Report(string reason, XObject? at = null) => context.Report(owner, reason, at);

    /// <summary>A value that must be a FEEL expression (conditions, collections).</summary>
    public BpmnExpression? Expression(string? text, string what, XObject at)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('='))
        {
            Report($"{what} must be a FEEL expression starting with '=', got '{trimmed}'.", at);
            return null;
        }

        return Feel(trimmed, what, at);
    }

    public ExpressionOrValue<string>? String(string? text, string what, XObject at)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var trimmed = text.Trim();
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<string>.Feel(e) : null;

        if (IsJuel(trimmed))
        {
            ReportJuel(what, trimmed, at);
            return null;
        }

        return ExpressionOrValue<string>.Static(trimmed, text);
    }

    /// <summary>A static comma-separated list (blank entries dropped) or a FEEL expression yielding a list.</summary>
    public ExpressionOrValue<IReadOnlyList<string>>? List(string? text, string what, XObject at)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var trimmed = text.Trim();
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<IReadOnlyList<string>>.Feel(e) : null;

        if (IsJuel(trimmed))
        {
            ReportJuel(what, trimmed, at);
            return null;
        }

        IReadOnlyList<string> items = SplitList(trimmed);
        return ExpressionOrValue<IReadOnlyList<string>>.Static(items, text);
    }

    public ExpressionOrValue<int>? Integer(string? text, string what, XObject at, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var trimmed = text.Trim();
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<int>.Feel(e) : null;

        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Report($"{what} must be an integer between {min} and {max} or a FEEL expression, got '{trimmed}'.", at);
            return null;
        }

        if (value < min || value > max)
        {
            Report($"{what} must be between {min} and {max}, got {value}.", at);
            return null;
        }

        return ExpressionOrValue<int>.Static(value, text);
    }

    public ExpressionOrValue<DateTimeOffset>? Date(string? text, string what, XObject at)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var trimmed = text.Trim();
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<DateTimeOffset>.Feel(e) : null;

        if (IsoDateTime.TryParse(trimmed, out var value))
            return ExpressionOrValue<DateTimeOffset>.Static(value, text);

        Report(IsoDateTime.IsLocalDateTime(trimmed)
            ? $"{what} '{trimmed}' has no offset or zone; write it like 2026-02-28T13:13:10+02:00, 2026-02-28T11:13:10Z or 2026-02-28T13:13:10[Europe/Berlin], or use a FEEL expression."
            : $"{what} must be an ISO 8601 date-time with offset or zone (e.g. 2026-02-28T13:13:10+02:00) or a FEEL expression, got '{trimmed}'.", at);
        return null;
    }

    public ExpressionOrValue<IsoDuration>? Duration(string? text, string what, XObject at)
    {
        var trimmed = text?.Trim() ?? "";
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<IsoDuration>.Feel(e) : null;

        if (IsoDuration.TryParse(trimmed, out var value))
            return ExpressionOrValue<IsoDuration>.Static(value, trimmed);

        Report($"{what} must be an ISO 8601 duration (e.g. PT15M, P1DT2H) or a FEEL expression, got '{trimmed}'.", at);
        return null;
    }

    public ExpressionOrValue<TimerCycle>? Cycle(string? text, string what, XObject at)
    {
        var trimmed = text?.Trim() ?? "";
        if (IsFeel(trimmed))
            return Feel(trimmed, what, at) is { } e ? ExpressionOrValue<TimerCycle>.Feel(e) : null;

        if (TimerCycle.TryParse(trimmed, out var value))
            return ExpressionOrValue<TimerCycle>.Static(value!, trimmed);

        Report($"{what} must be an ISO 8601 repeating interval (e.g. R3/PT1H, R/PT10M, R2/2026-01-01T08:00:00Z/P1D) or a FEEL expression, got '{trimmed}'.", at);
        return null;
    }

    /// <summary>A name such as a variable or job type that must be present.</summary>
    public string? Required(XElement element, string attribute, string what)
    {
        var value = element.Attribute(attribute)?.Value.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Report($"{what} is missing: set the '{attribute}' attribute of {element.Name.LocalName}.", element);
            return null;
        }

        return value;
    }

    /// <summary>Reports attributes of a zeebe:* element that the engine does not know, e.g. from a newer Camunda version.</summary>
    public void CheckAttributes(XElement? element, params string[] known)
    {
        if (element is null)
            return;

        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || (attribute.Name.Namespace == XNamespace.None && known.Contains(attribute.Name.LocalName)))
                continue;

            Report($"The attribute {attribute.Name.LocalName} is not supported on zeebe:{element.Name.LocalName}; allowed: {(known.Length == 0 ? "none" : string.Join(", ", known))}.", attribute);
        }
    }

    public static IReadOnlyList<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsFeel(string trimmed) => trimmed.StartsWith('=');

    // Camunda 7 expressions (${...}, #{...}) would otherwise be taken as literal text.
    private static bool IsJuel(string trimmed) => trimmed.Contains("${", StringComparison.Ordinal) || trimmed.Contains("#{", StringComparison.Ordinal);

    private void ReportJuel(string what, string text, XObject at) =>
        Report($"{what} '{text}' is a Camunda 7 (JUEL) expression, which is not supported; use a static value or a FEEL expression starting with '='.", at);

    private BpmnExpression? Feel(string trimmed, string what, XObject at)
    {
        var expression = FeelSyntax.Parse(trimmed[1..].Trim(), out var error);
        if (expression is null)
            Report($"{what} is not a valid FEEL expression: {error}.", at);
        return expression;
    }
}
