namespace TaskFunctions.Storage.Tables;

/// <summary>A property of a <see cref="TableFilter"/>, compared with escaped literal values only.</summary>
public readonly struct TableFilterProperty
{
    private readonly string _name;

    internal TableFilterProperty(string name) => _name = name;

    public TableFilter Eq<T>(T value) => Compare("eq", value);

    public TableFilter Ne<T>(T value) => Compare("ne", value);

    public TableFilter Gt<T>(T value) => Compare("gt", value);

    public TableFilter Ge<T>(T value) => Compare("ge", value);

    public TableFilter Lt<T>(T value) => Compare("lt", value);

    public TableFilter Le<T>(T value) => Compare("le", value);

    /// <summary>
    /// Strings starting with <paramref name="prefix"/>: <c>ge 'pfx' and lt 'pfy'</c>, since the service has no
    /// startswith. The upper bound increments the last character that can be incremented.
    /// </summary>
    public TableFilter StartsWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var lower = Ge(prefix);
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != char.MaxValue)
            {
                return lower.And(Lt(prefix[..i] + (char)(prefix[i] + 1)));
            }
        }

        return lower;
    }

    public override string ToString() => _name;

    private TableFilter Compare<T>(string op, T value) => TableFilter.Raw($"{_name} {op} {TableFilter.Literal(value)}");
}
