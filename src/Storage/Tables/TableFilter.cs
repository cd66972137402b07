using System.Globalization;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// An OData filter for table queries in which every value is a typed, escaped literal, so user input can never
/// change the filter's structure. Build one from an interpolated string, <c>TableFilter.Create($"Assignee eq {name}")</c>,
/// or fluently, <c>TableFilter.Property("Assignee").Eq(name).And(TableFilter.Property("Priority").Ge(50))</c>.
/// </summary>
public readonly struct TableFilter : IEquatable<TableFilter>
{
    private readonly string? _text;

    private TableFilter(string text) => _text = text;

    /// <summary>A filter that matches every row (renders as no filter).</summary>
    public static TableFilter All => default;

    /// <summary>Whether this is <see cref="All"/>.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(_text);

    /// <summary>
    /// The format is trusted text written by the programmer (property names, operators); every interpolated value is
    /// rendered as a literal: strings quoted with quotes doubled, <c>123L</c>, <c>1.5</c>, <c>datetime'…'</c>,
    /// <c>guid'…'</c>, <c>X'0a0b'</c>, <c>true</c>. A nested <see cref="TableFilter"/> is inserted in parentheses.
    /// </summary>
    public static TableFilter Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(a => (object)Literal(a)).ToArray();
        return new TableFilter(string.Format(CultureInfo.InvariantCulture, filter.Format, literals));
    }

    /// <summary>A property to compare; the name must be identifier-like, so it cannot smuggle in syntax.</summary>
    public static TableFilterProperty Property(string name)
    {
        TableEntityLimits.ValidateName(name);
        return new TableFilterProperty(name);
    }

    public static TableFilterProperty PartitionKey => new(TableEntity.PartitionKeyName);

    public static TableFilterProperty RowKey => new(TableEntity.RowKeyName);

    public TableFilter And(TableFilter other) => Combine(this, "and", other);

    public TableFilter Or(TableFilter other) => Combine(this, "or", other);

    public TableFilter Not() => IsEmpty ? throw new InvalidOperationException("Cannot negate an empty filter.") : new TableFilter($"not ({_text})");

    public static TableFilter operator &(TableFilter left, TableFilter right) => left.And(right);

    public static TableFilter operator |(TableFilter left, TableFilter right) => left.Or(right);

    public static TableFilter operator !(TableFilter filter) => filter.Not();

    /// <summary>All filters joined with <c>and</c>; empty ones are ignored.</summary>
    public static TableFilter AllOf(params IEnumerable<TableFilter> filters) => filters.Aggregate(All, (a, b) => a.And(b));

    /// <summary>Any of the filters joined with <c>or</c>; empty ones are ignored.</summary>
    public static TableFilter AnyOf(params IEnumerable<TableFilter> filters) => filters.Aggregate(All, (a, b) => a.Or(b));

    /// <summary>The value as an OData literal, e.g. <c>'O''Brien'</c> or <c>5000000000L</c>.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("Table filters cannot compare with null; a missing property never matches."),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        char c => "'" + (c == '\'' ? "''" : c.ToString()) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short i => i.ToString(CultureInfo.InvariantCulture),
        byte i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        float f => DoubleLiteral(f),
        DateTimeOffset d => $"datetime'{TableValues.FormatDateTime(d)}'",
        DateTime d => $"datetime'{TableValues.FormatDateTime(TableValues.ToDateTimeOffset(d))}'",
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToMemory().Span)}'",
        TableFilter filter => filter.IsEmpty ? throw new ArgumentException("An empty filter cannot be nested.") : $"({filter})",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used in a table filter."),
    };

    public override string ToString() => _text ?? string.Empty;

    public bool Equals(TableFilter other) => ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is TableFilter other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(TableFilter left, TableFilter right) => left.Equals(right);

    public static bool operator !=(TableFilter left, TableFilter right) => !left.Equals(right);

    internal static TableFilter Raw(string text) => new(text);

    private static string DoubleLiteral(double value) => TableValues.SpecialDouble(value) is null
        ? TableValues.FormatDouble(value)
        : throw new ArgumentException($"{value} cannot be compared in a table filter.");

    private static TableFilter Combine(TableFilter left, string op, TableFilter right) =>
        left.IsEmpty ? right
        : right.IsEmpty ? left
        : new TableFilter($"({left._text}) {op} ({right._text})");
}
