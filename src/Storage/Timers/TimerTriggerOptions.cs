using Microsoft.Extensions.Configuration;

namespace TaskFunctions.Storage.Timers;

/// <summary>
/// Settings of the timer trigger, bound from <c>host.json</c> → <c>extensions:taskFunctions:timers</c>
/// (<see cref="SectionName"/>).
/// </summary>
public sealed class TimerTriggerOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "extensions:taskFunctions:timers";

    /// <summary>The full name of the schedule setting, used in error messages.</summary>
    public const string ScheduleSettingName = SectionName + ":schedule";

    /// <summary>
    /// When the trigger looks for due timers: an NCRONTAB expression as in Azure Functions' timer trigger, six fields
    /// with seconds (<c>sec min hour day month day-of-week</c>) or five without; UTC.
    /// </summary>
    public string Schedule { get; set; } = "*/5 * * * * *";

    /// <summary>How many timers one host fires at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How long a host owns a timer it is firing; a timer whose firing failed (or whose host died) fires again when
    /// the claim runs out.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due timers are read per page and fired per round.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Reads the options from <see cref="SectionName"/>; missing settings keep their defaults.</summary>
    public static TimerTriggerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TimerTriggerOptions();
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }
}
