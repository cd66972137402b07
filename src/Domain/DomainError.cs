namespace TaskFunctions.Domain;

/// <summary>
/// A rejected command, as data: the kind (which the HTTP layer maps to a status), a stable code, a message that says
/// what was wrong and what is allowed, and the data the message was built from.
/// </summary>
public sealed record DomainError
{
    public DomainError(DomainErrorKind kind, string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Kind = kind;
        Code = code;
        Message = message;
    }

    public DomainErrorKind Kind { get; }

    /// <summary>A stable, machine-readable code such as <c>USER_TASK_ALREADY_ASSIGNED</c>.</summary>
    public string Code { get; }

    /// <summary>What was wrong and what is allowed; safe to show to the caller.</summary>
    public string Message { get; }

    /// <summary>The input fields or variables at fault (e.g. every missing required variable); empty when none.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The entity the command addressed, when known (a user task key).</summary>
    public long? EntityKey { get; init; }

    public override string ToString() => $"{Kind} {Code}: {Message}";
}
