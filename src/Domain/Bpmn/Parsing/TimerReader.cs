using System.Xml.Linq;

namespace TaskFunctions.Domain.Bpmn.Parsing;

/// <summary>Reads a <c>timerEventDefinition</c>: exactly one of timeDuration, timeDate, timeCycle.</summary>
internal static class TimerReader
{
    public static TimerDefinition? Read(ValueReader values, XElement definition, bool allowCycle)
    {
        var parts = definition.Elements()
            .Where(e => e.Name.Namespace == BpmnNamespaces.Bpmn && e.Name.LocalName is "timeDuration" or "timeDate" or "timeCycle")
            .ToList();
        ChildGuard.Check(values.Context, definition, "timeDuration", "timeDate", "timeCycle");
        var allowed = allowCycle ? "timeDuration, timeDate or timeCycle" : "timeDuration or timeDate";
        if (parts.Count != 1)
        {
            values.Report($"A timer needs exactly one of {allowed}; found {parts.Count}.", definition);
            return null;
        }

        var part = parts[0];
        var text = part.Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            values.Report($"The timer's {part.Name.LocalName} is empty.", part);
            return null;
        }

        switch (part.Name.LocalName)
        {
            case "timeDuration":
                return values.Duration(text, "timeDuration", part) is { } duration
                    ? new TimerDefinition { Kind = TimerKind.Duration, Duration = duration }
                    : null;
            case "timeDate":
                return values.Date(text, "timeDate", part) is { } date
                    ? new TimerDefinition { Kind = TimerKind.Date, Date = date }
                    : null;
            default:
                if (!allowCycle)
                {
                    values.Report($"timeCycle is not supported here; use {allowed}.", part);
                    return null;
                }

                return values.Cycle(text, "timeCycle", part) is { } cycle
                    ? new TimerDefinition { Kind = TimerKind.Cycle, Cycle = cycle }
                    : null;
        }
    }
}
