using System.Diagnostics.CodeAnalysis;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>The table of built-in FEEL functions, built once.</summary>
internal static class BuiltInFunctions
{
    private static readonly Dictionary<string, BuiltInFunction> Table = Build();

    public static IEnumerable<string> Names => Table.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out BuiltInFunction? function) =>
        Table.TryGetValue(name, out function);

    private static Dictionary<string, BuiltInFunction> Build()
    {
        var registry = new FunctionRegistry();
        BooleanAndContextFunctions.Register(registry);
        ConversionFunctions.Register(registry);
        TemporalFunctions.Register(registry);
        StringFunctions.Register(registry);
        NumericFunctions.Register(registry);
        ListFunctions.Register(registry);
        return registry.Functions;
    }
}
