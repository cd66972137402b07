using System.Globalization;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Expressions;

/// <summary>
/// A FEEL date and time: local (no offset), with a UTC offset, or with an IANA zone (whose offset is resolved
/// for that local time and kept in <see cref="Offset"/>).
/// </summary>
public sealed record FeelDateTime(DateTime Local, TimeSpan? Offset, string? Zone = null) : FeelValue
{
    public override string TypeName => "date and time";

    /// <summary>The instant, when the value has an offset; local values have none.</summary>
    public DateTimeOffset? Instant => Offset is { } offset ? new DateTimeOffset(Local, offset) : null;

    public static FeelDateTime FromOffset(DateTimeOffset value) =>
        new(DateTime.SpecifyKind(value.DateTime, DateTimeKind.Unspecified), value.Offset);

    public override JsonNode? ToJson() => JsonValue.Create(ToString());

    public override string ToString()
    {
        var text = Local.ToString("yyyy-MM-dd'T'", CultureInfo.InvariantCulture) +
                   TemporalFormat.Time(TimeOnly.FromDateTime(Local));
        if (Zone is not null)
        {
            return text + "@" + Zone;
        }

        return Offset is { } offset ? text + TemporalFormat.Offset(offset) : text;
    }
}
