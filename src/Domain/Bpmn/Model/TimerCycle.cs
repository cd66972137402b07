namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// An ISO 8601 repeating interval such as <c>R3/PT1H</c> (three times, hourly), <c>R/PT10M</c> (forever)
/// or <c>R2/2026-01-01T08:00:00Z/P1D</c> (with a start).
/// </summary>
/// <param name="Repetitions">How often the timer fires; null means without end.</param>
/// <param name="Interval">The time between two firings.</param>
/// <param name="Start">The first firing, when given; otherwise one interval after activation.</param>
public sealed record TimerCycle(int? Repetitions, IsoDuration Interval, DateTimeOffset? Start)
{
    public static bool TryParse(string? text, out TimerCycle? cycle)
    {
        cycle = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
            return false;

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
                return false;
            repetitions = count;
        }

        DateTimeOffset? start = null;
        if (parts.Length == 3)
        {
            if (!IsoDateTime.TryParse(parts[1], out var first))
                return false;
            start = first;
        }

        if (!IsoDuration.TryParse(parts[^1], out var interval) || interval.IsZero)
            return false;

        cycle = new TimerCycle(repetitions, interval, start);
        return true;
    }
}
