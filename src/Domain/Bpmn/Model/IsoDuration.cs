using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskFunctions.Domain.Bpmn;

/// <summary>
/// An ISO 8601 duration such as <c>P1DT2H</c> or <c>P2W</c>. Years and months are kept apart from days and time
/// because their length depends on the date they are added to.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || text.Trim() is "P" or "PT" || text.Trim().EndsWith('T'))
            return false;

        try
        {
            var weeks = Group(match, "w");
            var seconds = match.Groups["s"].Success
                ? decimal.Parse(match.Groups["s"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
                : 0m;
            var time = TimeSpan.FromHours(Group(match, "h"))
                + TimeSpan.FromMinutes(Group(match, "min"))
                + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            duration = new IsoDuration(Group(match, "y"), Group(match, "mo"), checked(weeks * 7 + Group(match, "d")), time);
            return true;
        }
        catch (Exception e) when (e is OverflowException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The instant this duration after <paramref name="start"/>.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    private static int Group(Match match, string name) =>
        match.Groups[name].Success ? int.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<min>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
