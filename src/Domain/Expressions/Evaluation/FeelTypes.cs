namespace TaskFunctions.Domain.Expressions.Evaluation;

/// <summary>Type tests for <c>instance of</c>.</summary>
internal static class FeelTypes
{
    public static bool IsInstance(FeelValue value, string typeName) => typeName switch
    {
        "Any" => value is not FeelNull,
        "Null" => value is FeelNull,
        "days and time duration" or "dayTimeDuration" => value is FeelDaysTimeDuration,
        "years and months duration" or "yearMonthDuration" => value is FeelYearsMonthsDuration,
        "date and time" or "dateTime" => value is FeelDateTime,
        _ => value.TypeName == typeName,
    };
}
