namespace TaskFunctions.Domain.UserTasks;

/// <summary>
/// One field of a <see cref="UserTaskChangeset"/>, with Camunda's three meanings: absent or null keeps the current
/// value (<see cref="Keep"/>, the default), an empty value (<c>""</c> for a date) clears it (<see cref="Clear"/>), and
/// anything else replaces it (<see cref="Set"/>). Lists are cleared by setting an empty list.
/// </summary>
public readonly record struct FieldUpdate<T>
{
    private readonly T? _value;

    private FieldUpdate(FieldUpdateKind kind, T? value)
    {
        Kind = kind;
        _value = value;
    }

    public FieldUpdateKind Kind { get; }

    public static FieldUpdate<T> Keep => default;

    public static FieldUpdate<T> Clear => new(FieldUpdateKind.Clear, default);

    public bool IsKeep => Kind == FieldUpdateKind.Keep;

    /// <summary>The new value for <see cref="FieldUpdateKind.Set"/>; default otherwise.</summary>
    public T? Value => _value;

    public static FieldUpdate<T> Set(T value) => new(FieldUpdateKind.Set, value);

    public override string ToString() => Kind == FieldUpdateKind.Set ? $"Set({_value})" : Kind.ToString();
}
