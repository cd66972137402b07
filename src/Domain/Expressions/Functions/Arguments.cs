namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>Small conversions shared by the built-ins.</summary>
internal static class Arguments
{
    public static bool TryInt(FeelValue value, out int result)
    {
        result = 0;
        if (value is not FeelNumber { Value: var number } || number != decimal.Truncate(number) ||
            number < int.MinValue || number > int.MaxValue)
        {
            return false;
        }

        result = (int)number;
        return true;
    }

    /// <summary>Items of a list argument; variadic functions also accept the items as separate arguments.</summary>
    public static IReadOnlyList<FeelValue>? ListOrItems(IReadOnlyList<FeelValue> arguments)
    {
        if (arguments.Count == 1)
        {
            return arguments[0] switch
            {
                FeelList list => list.Items,
                FeelNull => null,
                var single => [single],
            };
        }

        return arguments;
    }

    public static FeelValue Number(decimal value) => new FeelNumber(value);

    public static FeelValue Text(string value) => new FeelString(value);
}
