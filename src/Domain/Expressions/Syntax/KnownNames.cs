using TaskFunctions.Domain.Expressions.Functions;

namespace TaskFunctions.Domain.Expressions.Syntax;

/// <summary>Names containing spaces that the parser must recognise as one name.</summary>
internal static class KnownNames
{
    /// <summary>Multi-word built-in function names split into words, longest first.</summary>
    public static readonly IReadOnlyList<string[]> MultiWordFunctions = BuiltInFunctions.Names
        .Where(name => name.Contains(' ', StringComparison.Ordinal))
        .Select(name => name.Split(' '))
        .OrderByDescending(words => words.Length)
        .ToList();

    /// <summary>Multi-word type names for <c>instance of</c>, longest first.</summary>
    public static readonly IReadOnlyList<string[]> MultiWordTypes =
    [
        ["years", "and", "months", "duration"],
        ["days", "and", "time", "duration"],
        ["date", "and", "time"],
    ];
}
