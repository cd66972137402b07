namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// A timer of a catch or boundary event. Exactly the property matching <see cref="Kind"/> is set; each is either a
/// validated static value or a FEEL expression evaluated when the timer is created.
/// </summary>
public sealed record TimerDefinition
{
    public required TimerKind Kind { get; init; }

    public ExpressionOrValue<IsoDuration>? Duration { get; init; }

    public ExpressionOrValue<DateTimeOffset>? Date { get; init; }

    public ExpressionOrValue<TimerCycle>? Cycle { get; init; }
}
