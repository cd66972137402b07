using System.Globalization;
using System.Text.Json.Nodes;

namespace TaskFunctions.Domain.Tests.Expressions;

/// <summary>One generated expression with the variables it is evaluated against.</summary>
internal sealed record FeelCase(string Category, string Expression, JsonObject Context);

/// <summary>
/// Deterministic generator of FEEL expressions for the cross-check against feelin. Every category stays within
/// inputs where the FEEL specification leaves no room for interpretation; the comments name the inputs left out
/// on purpose because feelin (a JavaScript interpreter using binary floating point) legitimately differs there.
/// </summary>
internal sealed class FeelCaseGenerator(int seed)
{
    public const string NullRulesCategory = "null rules";

    private static readonly string[] Words = ["foo", "bar", "foobar", "Hello World", "abc", "a-b-c", "x", "Camunda"];

    private readonly Random _random = new(seed);

    public List<FeelCase> Generate(int perCategory)
    {
        var generators = new (string Name, Func<string> Next)[]
        {
            ("arithmetic", Arithmetic),
            ("comparison", Comparison),
            ("logic", Logic),
            ("membership", Membership),
            ("strings", Strings),
            ("lists", Lists),
            ("control flow", ControlFlow),
            ("contexts", Contexts),
            ("numeric functions", NumericFunctions),
            ("variables", Variables),
            ("temporal", Temporal),
            (NullRulesCategory, NullRules),
            ("named arguments", NamedArguments),
            ("paths and filters", PathsAndFilters),
        };

        var cases = new List<FeelCase>();
        foreach (var (name, next) in generators)
        {
            for (var i = 0; i < perCategory; i++)
            {
                cases.Add(new FeelCase(name, next(), VariablesContext()));
            }
        }

        return cases;
    }

    private static JsonObject VariablesContext() => new()
    {
        ["n"] = 7,
        ["price"] = 12.5m,
        ["name"] = "Ada Lovelace",
        ["flag"] = true,
        ["nothing"] = null,
        ["numbers"] = new JsonArray(3, 1, 4, 1, 5),
        ["order"] = new JsonObject
        {
            ["id"] = "o-1",
            ["items"] = new JsonArray(
                new JsonObject { ["sku"] = "a", ["qty"] = 2, ["price"] = 5 },
                new JsonObject { ["sku"] = "b", ["qty"] = 1, ["price"] = 20 },
                new JsonObject { ["sku"] = "c", ["qty"] = 4, ["price"] = 7.5m }),
        },
    };

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    private int Int(int min, int max) => _random.Next(min, max + 1);

    // Integers and one-decimal numbers; tiny floating-point differences are absorbed by a relative tolerance.
    private string Number(bool integral = false) => !integral && _random.Next(3) == 0
        ? (Int(-200, 200) / 10m).ToString(CultureInfo.InvariantCulture)
        : Int(-20, 50).ToString(CultureInfo.InvariantCulture);

    private string Word() => "\"" + Pick(Words) + "\"";

    private string NumberList(int min = 0, int max = 6) =>
        "[" + string.Join(", ", Enumerable.Range(0, Int(min, max)).Select(_ => Int(-5, 20).ToString(CultureInfo.InvariantCulture))) + "]";

    private string ArithmeticTerm(int depth, bool integral = false)
    {
        if (depth <= 0 || _random.Next(3) == 0)
        {
            // Negative literals go in parentheses so "- -3" never appears.
            var number = Number(integral);
            return number.StartsWith('-') ? "(" + number + ")" : number;
        }

        return Pick(0, 1, 2, 3) switch
        {
            0 => "(" + ArithmeticTerm(depth - 1, integral) + " " + Pick("+", "-", "*") + " " + ArithmeticTerm(depth - 1, integral) + ")",
            1 => ArithmeticTerm(depth - 1, integral) + " " + (integral ? Pick("+", "-", "*") : Pick("+", "-", "*", "/")) + " " +
                 ArithmeticTerm(depth - 1, integral),
            // Only small integral exponents: fractional powers go through floating point on both sides.
            2 => "(" + ArithmeticTerm(depth - 1, integral) + ") ** " + Int(0, 3),
            _ => "-(" + ArithmeticTerm(depth - 1, integral) + ")",
        };
    }

    private string Arithmetic() => ArithmeticTerm(Int(1, 3));

    // Computed operands are integral: with fractions, binary floating point makes -16.4 + 13.4 differ from -3
    // in feelin, which equality then exposes; the tolerance used for results cannot apply inside "=".
    private string Comparison() => Pick(0, 1, 2, 3) switch
    {
        0 => ArithmeticTerm(1, integral: true) + " " + Pick("=", "!=", "<", "<=", ">", ">=") + " " + ArithmeticTerm(1, integral: true),
        1 => Word() + " " + Pick("=", "!=", "<", "<=", ">", ">=") + " " + Word(),
        2 => Pick("true", "false") + " " + Pick("=", "!=") + " " + Pick("true", "false", "null"),
        _ => Pick("null", Number(), Word()) + " " + Pick("=", "!=") + " " + Pick("null", Number(), Word()),
    };

    private string Bool() => Pick("true", "false", "null", "(1 < 2)", "(2 < 1)", "flag", "nothing");

    private string Logic() => Pick(0, 1, 2) switch
    {
        0 => Bool() + " " + Pick("and", "or") + " " + Bool(),
        1 => "not(" + Bool() + ")",
        _ => "(" + Bool() + " " + Pick("and", "or") + " " + Bool() + ") " + Pick("and", "or") + " " + Bool(),
    };

    // "between" is generated with low <= high only: feelin also accepts reversed bounds, which DMN defines as
    // an empty interval. "in null" is left out because feelin answers null where we answer false.
    private string Membership()
    {
        var a = Int(-5, 15);
        var low = Int(-5, 10);
        var high = low + Int(0, 8);
        return Pick(0, 1, 2, 3, 4, 5) switch
        {
            0 => $"{a} between {low} and {high}",
            1 => $"{a} in {Pick("[", "(", "]")}{low}..{high}{Pick("]", ")", "[")}",
            2 => $"{a} in ({string.Join(", ", Enumerable.Range(0, Int(1, 4)).Select(_ => Int(-5, 15)))})",
            3 => $"{a} in {Pick("<", "<=", ">", ">=")} {Int(-5, 15)}",
            4 => $"{a} in {NumberList(1)}",
            _ => $"{Word()} in ({Word()}, {Word()})",
        };
    }

    private string Strings()
    {
        var word = Pick(Words);
        var length = word.Length;
        var literal = "\"" + word + "\"";
        return Pick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) switch
        {
            0 => $"substring({literal}, {Int(1, length)})",
            1 => $"substring({literal}, {Int(1, length)}, {Int(0, length)})",
            2 => $"substring({literal}, {-Int(1, length)}, {Int(0, 2)})",
            3 => $"{Pick("string length", "upper case", "lower case")}({literal})",
            4 => $"{Pick("substring before", "substring after", "contains", "starts with", "ends with")}({literal}, \"{Pick("o", "b", "a", "foo", "x", "", "World")}\")",
            5 => $"{literal} + {Word()}",
            6 => $"string join([{Word()}, {Word()}], \"{Pick(", ", "-", "")}\")",
            7 => $"matches({literal}, \"{Pick("^f", "o+", "[A-Z]", "b.r$", "\\\\s")}\")",
            8 => $"replace({literal}, \"{Pick("o", "[aeiou]", "b", "(a)(b)")}\", \"{Pick("0", "$1", "_")}\")",
            9 => $"split(\"{Pick("a-b-c", "x,y", "one two")}\", \"{Pick("-", ",", " ")}\")",
            _ => $"string({Pick(Number(), "true", "false", "\"s\"", "null")})",
        };
    }

    // remove/insert before/sublist get valid positions only: feelin treats position 0 as "from the end".
    // sort() is always given a precedes function: feelin requires it.
    private string Lists()
    {
        var list = NumberList(1);
        var count = list.Count(c => c == ',') + 1;
        return Pick(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13) switch
        {
            0 => $"{Pick("count", "sum", "min", "max", "mean")}({list})",
            1 => $"{Pick("sum", "min", "max")}({Int(1, 9)}, {Int(1, 9)}, {Int(1, 9)})",
            2 => $"append({list}, {Int(0, 9)})",
            3 => $"concatenate({list}, {NumberList()})",
            4 => $"reverse({list})",
            5 => $"index of({list}, {Int(-5, 20)})",
            6 => $"distinct values({list})",
            7 => $"flatten([{list}, [{NumberList()}], {Int(0, 5)}])",
            8 => $"list contains({list}, {Int(-5, 20)})",
            9 => $"sublist({list}, {Int(1, count)})",
            10 => _random.Next(2) == 0
                ? $"remove({list}, {Int(1, count)})"
                : $"insert before({list}, {Int(1, count)}, 99)",
            11 => $"{list}[item {Pick(">", "<", ">=", "=")} {Int(0, 10)}]",
            12 => $"{list}[{Pick(1, -1) * Int(1, count)}]",
            _ => $"sort({list}, function(x, y) x {Pick("<", ">")} y)",
        };
    }

    private string ControlFlow() => Pick(0, 1, 2, 3, 4, 5) switch
    {
        0 => $"if {Bool()} then {Number()} else {Word()}",
        1 => $"for x in {NumberList()} return x {Pick("+", "*", "-")} {Int(1, 5)}",
        // A range ending at 0 is left out: feelin 8.2.0 returns null for "for i in 2..0" (it tests the end
        // bound for truthiness), while FEEL iterates 2, 1, 0.
        2 => $"for i in {Int(-3, 3)}..{Pick(-3, -2, -1, 1, 2, 3, 4, 5, 6)} return i * {Int(1, 3)}",
        3 => $"{Pick("some", "every")} x in {NumberList()} satisfies x {Pick(">", "<", "=")} {Int(0, 10)}",
        4 => $"for x in {NumberList(1, 3)}, y in {NumberList(1, 3)} return x * y",
        _ => $"if {Int(0, 9)} {Pick("<", ">")} {Int(0, 9)} then for x in {NumberList()} return x else {Int(0, 9)}",
    };

    private string Contexts() => Pick(0, 1, 2, 3, 4) switch
    {
        0 => $"{{a: {Number()}, b: a {Pick("+", "*", "-")} {Int(1, 5)}}}",
        1 => $"{{a: {{b: {Number()}}}}}.a.b",
        2 => $"[{{a: {Int(0, 5)}}}, {{a: {Int(0, 5)}}}].a",
        3 => $"get value({{x: {Int(0, 9)}, y: {Word()}}}, \"{Pick("x", "y", "z")}\")",
        _ => $"{{\"first name\": {Word()}, total: {Int(0, 9)} + {Int(0, 9)}}}",
    };

    // Rounding is generated on numbers exactly representable in binary (halves and quarters); on other
    // decimals feelin's floating point lands on a different side of the tie than decimal arithmetic.
    private string NumericFunctions()
    {
        var exact = (Int(-80, 80) / 4m).ToString(CultureInfo.InvariantCulture);
        return Pick(0, 1, 2, 3, 4, 5) switch
        {
            0 => $"{Pick("floor", "ceiling", "abs")}({exact})",
            1 => $"{Pick("round up", "round down", "round half up", "round half down", "decimal")}({exact}, {Int(0, 2)})",
            2 => $"modulo({Int(-20, 20)}, {Pick(-7, -3, 2, 5, 6)})",
            3 => $"{Pick("odd", "even")}({Int(-10, 10)})",
            4 => $"sqrt({Pick(0, 1, 4, 9, 16, 144, 2.25)})",
            _ => $"number(\"{Number()}\")",
        };
    }

    private string Variables() => Pick(0, 1, 2, 3, 4, 5, 6, 7) switch
    {
        0 => $"n {Pick("+", "*", "-")} {Int(1, 9)}",
        1 => $"price {Pick(">", "<", "=")} {Int(5, 20)}",
        2 => $"upper case(name) + \"{Pick("!", "?")}\"",
        3 => $"order.items[qty > {Int(0, 4)}].sku",
        4 => $"sum(for i in order.items return i.qty * i.price)",
        5 => $"count(numbers[item > {Int(0, 5)}])",
        6 => $"{Pick("missing", "nothing", "order.missing")} = null",
        _ => $"if flag then n else {Int(0, 9)}",
    };

    // Wrong-type operands give null. Left out: ordering across types ("1 < \"a\"" is false in feelin,
    // null in FEEL) and non-boolean "if" conditions (feelin treats them as truthy, FEEL takes the else branch).
    private string NullRules() => Pick(
        $"{Word()} + {Int(0, 9)}",
        $"{Pick("upper case", "lower case", "string length")}({Pick("1", "null", "true")})",
        $"{Pick("sum", "min", "max", "mean")}([{Int(0, 9)}, {Word()}])",
        $"date({Word()})",
        $"not({Pick("1", "\"true\"", "null")})",
        $"null {Pick("+", "-", "*", "/")} {Int(0, 9)}",
        $"-{Word()}",
        $"substring(null, {Int(1, 3)})",
        $"contains({Int(0, 9)}, \"a\")",
        $"{NumberList(1)} + {Int(0, 9)}",
        $"abs(null)",
        $"date(\"2025-01-01\") + {Int(0, 9)}",
        $"decimal({Word()}, 2)",
        $"{Pick("flatten", "reverse", "distinct values")}(null)",
        $"append(null, {Int(0, 9)})",
        $"missing.{Pick("x", "y")}",
        $"{Int(0, 9)} / 0",
        $"{Pick("count", "reverse")}({Int(0, 9)})");

    private string NamedArguments() => Pick(
        $"substring(string: {Word()}, start position: {Int(1, 3)})",
        $"substring(start position: {Int(1, 3)}, length: {Int(0, 3)}, string: {Word()})",
        $"string join(list: [{Word()}, {Word()}], delimiter: \"{Pick("-", "/")}\")",
        $"round half up(n: {(Int(-40, 40) / 4m).ToString(CultureInfo.InvariantCulture)}, scale: {Int(0, 1)})",
        $"list contains(list: {NumberList()}, element: {Int(0, 9)})",
        $"modulo(dividend: {Int(-20, 20)}, divisor: {Pick(3, 4, 7)})",
        $"{Pick("starts with", "ends with", "contains")}(string: {Word()}, match: \"{Pick("a", "o", "r", "foo")}\")",
        $"{Pick("upper case", "lower case")}(string: {Word()})");

    private string PathsAndFilters() => Pick(
        $"[{{a: {{b: {Int(0, 9)}}}}}, {{a: {{b: {Int(0, 9)}}}}}].a.b",
        $"[{{a: {Int(0, 5)}, b: {Int(0, 9)}}}, {{a: {Int(0, 5)}, b: {Int(0, 9)}}}][a > {Int(0, 4)}].b",
        $"[{{a: {Int(0, 5)}}}, {{a: {Int(0, 5)}}}][item.a >= {Int(0, 5)}]",
        $"order.items[{Pick(1, 2, 3, -1, -2)}].{Pick("sku", "qty", "price")}",
        $"order.items[price {Pick("<", ">")} {Int(4, 21)}].qty",
        $"{{x: {{y: {{z: {Word()}}}}}}}.x.y.z",
        $"numbers[item {Pick("=", "!=")} {Int(1, 5)}]",
        $"{{l: {NumberList(1)}}}.l[{Pick(1, -1)}]");

    // Temporal results are compared through string(). Duration arithmetic with numbers and
    // years-and-months durations between dates are left out: feelin does not support the former and
    // returns day-precision durations for the latter.
    private string Temporal()
    {
        var date = $"date(\"2025-{Int(1, 12):00}-{Int(1, 28):00}\")";
        var other = $"date(\"202{Int(4, 6)}-{Int(1, 12):00}-{Int(1, 28):00}\")";
        return Pick(0, 1, 2, 3, 4, 5) switch
        {
            0 => $"string({date} + duration(\"P{Int(1, 40)}D\"))",
            1 => $"string({date} - {other})",
            2 => $"{date} {Pick("<", ">", "=")} {other}",
            3 => $"{date}.{Pick("year", "month", "day", "weekday")}",
            4 => $"string({date} + duration(\"P{Int(1, 3)}Y{Int(1, 11)}M\"))",
            _ => $"string(time(\"{Int(0, 23):00}:{Int(0, 59):00}:00\") + duration(\"PT{Int(1, 30)}M\"))",
        };
    }
}
