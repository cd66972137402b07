using System.Globalization;

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

    /// <summary>
    /// A floating-point result as a FEEL number, keeping all 17 significant digits (a plain cast keeps 15);
    /// null when it is not finite or outside the decimal range.
    /// </summary>
    public static FeelValue FromDouble(double value) =>
        double.IsFinite(value) &&
        decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? new FeelNumber(result)
            : FeelNull.Instance;

    public static FeelValue Text(string value) => new FeelString(value);
}
