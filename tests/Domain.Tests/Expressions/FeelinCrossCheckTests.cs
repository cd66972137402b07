using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskFunctions.Domain.Expressions;

namespace TaskFunctions.Domain.Tests.Expressions;

public class FeelinCrossCheckTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FEEL_SEED"), out var s) ? s : 20251123;
    private static readonly int CasesPerCategory = int.TryParse(Environment.GetEnvironmentVariable("FEEL_CASES"), out var n) ? n : 40;

    // FEEL_SEED and FEEL_CASES override the defaults to explore further locally; the defaults keep the run fixed.
    [Fact]
    public void GeneratedExpressions_EvaluatedByUsAndFeelin_Agree()
    {
        // Arrange
        var cases = new FeelCaseGenerator(Seed).Generate(CasesPerCategory);

        // Act
        var expected = FeelinRunner.Evaluate(cases);

        // Assert
        Assert.Equal(cases.Count, expected.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var ours = EvaluateOurs(cases[i]);
            var theirs = expected[i]!;
            if (theirs["error"] is { } error)
            {
                mismatches.Add($"[{cases[i].Category}] {cases[i].Expression}: feelin failed: {error}");
            }
            else if (!JsonEquivalent(ours, theirs["value"]))
            {
                mismatches.Add($"[{cases[i].Category}] {cases[i].Expression}: ours {Render(ours)}, feelin {Render(theirs["value"])}");
            }
        }

        // Guards the harness itself: a broken bridge to node would otherwise "agree" on nulls.
        var valueCases = Enumerable.Range(0, cases.Count).Where(i => cases[i].Category != FeelCaseGenerator.NullRulesCategory).ToList();
        var nonNull = valueCases.Count(i => expected[i]?["value"] is not null);
        Assert.True(nonNull > valueCases.Count * 9 / 10, $"only {nonNull} of {valueCases.Count} feelin results are non-null");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {cases.Count} expressions differ from feelin:\n" + string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public void Generator_SameSeed_SameCases()
    {
        // Act
        var first = new FeelCaseGenerator(Seed).Generate(5).Select(c => c.Expression);
        var second = new FeelCaseGenerator(Seed).Generate(5).Select(c => c.Expression);

        // Assert
        Assert.Equal(first, second);
    }

    private static JsonNode? EvaluateOurs(FeelCase feelCase)
    {
        var parsed = FeelExpression.Parse(feelCase.Expression);
        Assert.True(parsed.IsSuccess, $"[{feelCase.Category}] '{feelCase.Expression}' did not parse: {parsed.Error}");
        var result = parsed.Expression!.Evaluate(FeelContext.FromJson(feelCase.Context, Feel.Now));
        Assert.True(result.IsSuccess, $"[{feelCase.Category}] '{feelCase.Expression}' failed: {result.Failure}");
        return result.Value.ToJson();
    }

    private static string Render(JsonNode? node) => node?.ToJsonString() ?? "null";

    // Numbers are compared numerically with a relative tolerance: feelin computes in binary floating point
    // (0.1 + 0.2 = 0.30000000000000004), we compute in decimal.
    private static bool JsonEquivalent(JsonNode? ours, JsonNode? theirs)
    {
        switch (ours, theirs)
        {
            case (null, null):
                return true;
            case (JsonArray a, JsonArray b):
                return a.Count == b.Count && a.Zip(b).All(pair => JsonEquivalent(pair.First, pair.Second));
            case (JsonObject a, JsonObject b):
                return a.Count == b.Count && a.All(entry => b.ContainsKey(entry.Key) && JsonEquivalent(entry.Value, b[entry.Key]));
            case (JsonValue a, JsonValue b) when a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number:
                var x = double.Parse(a.ToJsonString(), CultureInfo.InvariantCulture);
                var y = double.Parse(b.ToJsonString(), CultureInfo.InvariantCulture);
                return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
            case (JsonValue a, JsonValue b):
                return a.ToJsonString() == b.ToJsonString();
            default:
                return false;
        }
    }
}
