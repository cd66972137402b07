using System.Globalization;
using System.Text;

namespace TaskFunctions.Domain.Expressions;

/// <summary>ISO 8601 rendering of temporal values, in the forms Camunda prints them.</summary>
internal static class TemporalFormat
{
    public static string Time(TimeOnly time)
    {
        var text = time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? text
            : text + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string Offset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "Z";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}:{abs.Minutes:00}");
    }

    public static string DaysTime(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
            value = value.Duration();
        }

        builder.Append('P');
        if (value.Days > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{value.Days}D");
        }

        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        if (value.Hours > 0 || value.Minutes > 0 || value.Seconds > 0 || fraction > 0)
        {
            builder.Append('T');
            if (value.Hours > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{value.Hours}H");
            }

            if (value.Minutes > 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{value.Minutes}M");
            }

            if (value.Seconds > 0 || fraction > 0)
            {
                builder.Append(value.Seconds.ToString(CultureInfo.InvariantCulture));
                if (fraction > 0)
                {
                    builder.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                builder.Append('S');
            }
        }

        return builder.ToString();
    }

    public static string YearsMonths(int totalMonths)
    {
        if (totalMonths == 0)
        {
            return "P0M";
        }

        var sign = totalMonths < 0 ? "-" : string.Empty;
        var abs = Math.Abs((long)totalMonths);
        var years = abs / 12;
        var months = abs % 12;
        var text = sign + "P";
        if (years > 0)
        {
            text += years.ToString(CultureInfo.InvariantCulture) + "Y";
        }

        if (months > 0)
        {
            text += months.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return text;
    }
}
