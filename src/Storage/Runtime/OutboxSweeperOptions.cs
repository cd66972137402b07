using Microsoft.Extensions.Configuration;

namespace TaskFunctions.Storage.Runtime;

/// <summary>
/// Settings of the <see cref="OutboxSweeper"/>, bound from <c>host.json</c> → <c>extensions:taskFunctions:outbox</c>
/// (<see cref="SectionName"/>).
/// </summary>
public sealed class OutboxSweeperOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "extensions:taskFunctions:outbox";

    /// <summary>Time between sweeps.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Markers younger than this belong to commands probably still projecting and are left to them.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the options from <see cref="SectionName"/>; missing settings keep their defaults.</summary>
    public static OutboxSweeperOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OutboxSweeperOptions();
        configuration.GetSection(SectionName).Bind(options);
        if (options.SweepInterval <= TimeSpan.Zero || options.MinimumAge < TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{SectionName}:sweepInterval must be positive and {SectionName}:minimumAge not negative, got {options.SweepInterval} and {options.MinimumAge}.");
        }

        return options;
    }
}
