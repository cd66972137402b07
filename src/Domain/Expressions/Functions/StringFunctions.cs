using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TaskFunctions.Domain.Expressions.Evaluation;

namespace TaskFunctions.Domain.Expressions.Functions;

/// <summary>String built-ins. Positions are 1-based and count Unicode code points, as FEEL specifies.</summary>
internal static class StringFunctions
{
    // User-supplied patterns run against user data. The non-backtracking engine matches in linear time, so a
    // pattern like "(a+)+$" cannot stall evaluation; FEEL's XML Schema regex flavour needs none of the
    // backtracking-only constructs (backreferences, lookaround). The timeout is a second line of defence.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("string length", "string", call => call[0] is FeelString s
            ? Arguments.Number(CodePoints(s.Value).Length)
            : FeelNull.Instance);
        registry.Add("upper case", "string", call => Map(call[0], s => s.ToUpperInvariant()));
        registry.Add("lower case", "string", call => Map(call[0], s => s.ToLowerInvariant()));
        registry.Add("trim", "string", call => Map(call[0], s => s.Trim()));
        registry.Add("substring", "string, start position, length?", Substring);
        registry.Add("substring before", "string, match", call => Strings(call, (s, m) =>
        {
            var index = s.IndexOf(m, StringComparison.Ordinal);
            return Arguments.Text(index < 0 ? string.Empty : s[..index]);
        }));
        registry.Add("substring after", "string, match", call => Strings(call, (s, m) =>
        {
            var index = s.IndexOf(m, StringComparison.Ordinal);
            return Arguments.Text(index < 0 ? string.Empty : s[(index + m.Length)..]);
        }));
        registry.Add("contains", "string, match", call => Strings(call, (s, m) => FeelBoolean.Of(s.Contains(m, StringComparison.Ordinal))));
        registry.Add("starts with", "string, match", call => Strings(call, (s, m) => FeelBoolean.Of(s.StartsWith(m, StringComparison.Ordinal))));
        registry.Add("ends with", "string, match", call => Strings(call, (s, m) => FeelBoolean.Of(s.EndsWith(m, StringComparison.Ordinal))));
        registry.Add("matches", "input, pattern, flags?", call => WithRegex(call, 1, 2, (input, regex) =>
            FeelBoolean.Of(regex.IsMatch(input))));
        registry.Add("replace", "input, pattern, replacement, flags?", call => WithRegex(call, 1, 3, (input, regex) =>
            call[2] is FeelString replacement ? Arguments.Text(Limit(regex.Replace(input, replacement.Value))) : FeelNull.Instance));
        registry.Add("split", "string, delimiter", call => WithRegex(call, 1, -1, (input, regex) =>
            new FeelList(regex.Split(input).Select(Arguments.Text))));
        registry.Add("extract", "string, pattern", call => WithRegex(call, 1, -1, (input, regex) =>
            new FeelList(regex.Matches(input).Select(m => Arguments.Text(m.Value)))));
        registry.Add("string join", "list, delimiter?, prefix?, suffix?", StringJoin);

        // Camunda extensions.
        registry.Add("is blank", "string", call => call[0] is FeelString s ? FeelBoolean.Of(string.IsNullOrWhiteSpace(s.Value)) : FeelNull.Instance);
        registry.Add("to base64", "value", call => Map(call[0], s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))));
        registry.Add("from base64", "value", FromBase64);
        registry.Add("uuid", string.Empty, call => Arguments.Text(RandomUuid(call.Random)));
    }

    /// <summary>A version-4 UUID drawn from the evaluation's random source (not the machine's), so replays agree.</summary>
    private static string RandomUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static FeelValue FromBase64(FeelCall call)
    {
        if (call[0] is not FeelString s)
        {
            return FeelNull.Instance;
        }

        var bytes = new byte[s.Value.Length];
        return Convert.TryFromBase64String(s.Value, bytes, out var written)
            ? Arguments.Text(Encoding.UTF8.GetString(bytes, 0, written))
            : FeelNull.Instance;
    }

    private static int[] CodePoints(string value) => value.EnumerateRunes().Select(r => r.Value).ToArray();

    private static string FromCodePoints(IEnumerable<int> codePoints)
    {
        var builder = new StringBuilder();
        foreach (var codePoint in codePoints)
        {
            builder.Append(new Rune(codePoint).ToString());
        }

        return builder.ToString();
    }

    private static FeelValue Map(FeelValue value, Func<string, string> map) =>
        value is FeelString s ? Arguments.Text(map(s.Value)) : FeelNull.Instance;

    private static FeelValue Strings(FeelCall call, Func<string, string, FeelValue> body) =>
        call[0] is FeelString s && call[1] is FeelString m ? body(s.Value, m.Value) : FeelNull.Instance;

    private static FeelValue Substring(FeelCall call)
    {
        if (call[0] is not FeelString s || call[1] is not FeelNumber { Value: var startValue })
        {
            return FeelNull.Instance;
        }

        var codePoints = CodePoints(s.Value);
        var start = (long)decimal.Truncate(startValue);
        var index = start > 0 ? start - 1 : codePoints.Length + start;
        if (start == 0 || index < 0)
        {
            return FeelNull.Instance;
        }

        if (index >= codePoints.Length)
        {
            return Arguments.Text(string.Empty);
        }

        long length = codePoints.Length - index;
        if (call.Count > 2)
        {
            if (call[2] is not FeelNumber { Value: var lengthValue } || lengthValue < 0)
            {
                return FeelNull.Instance;
            }

            length = (long)Math.Min(decimal.Truncate(lengthValue), length);
        }

        return Arguments.Text(FromCodePoints(codePoints.Skip((int)index).Take((int)length)));
    }

    private static FeelValue StringJoin(FeelCall call)
    {
        if (call[0] is not FeelList list)
        {
            return FeelNull.Instance;
        }

        string Optional(int index) => call[index] is FeelString text ? text.Value : string.Empty;
        if (Enumerable.Range(1, 3).Any(i => call[i] is not (FeelString or FeelNull)))
        {
            return FeelNull.Instance;
        }

        var parts = new List<string>();
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case FeelString text:
                    parts.Add(text.Value);
                    break;
                case FeelNull:
                    break;
                default:
                    return FeelNull.Instance;
            }
        }

        return Arguments.Text(Limit(Optional(2) + string.Join(Optional(1), parts) + Optional(3)));
    }

    private static string Limit(string value) => value.Length > FeelArithmetic.MaxStringLength
        ? throw new FeelEvaluationException($"string result is longer than {FeelArithmetic.MaxStringLength} characters")
        : value;

    private static FeelValue WithRegex(FeelCall call, int patternIndex, int flagsIndex, Func<string, Regex, FeelValue> body)
    {
        if (call[0] is not FeelString input || call[patternIndex] is not FeelString pattern)
        {
            return FeelNull.Instance;
        }

        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        if (flagsIndex >= 0 && call[flagsIndex] is FeelString flags)
        {
            foreach (var flag in flags.Value)
            {
                options |= flag switch
                {
                    'i' => RegexOptions.IgnoreCase,
                    'm' => RegexOptions.Multiline,
                    's' => RegexOptions.Singleline,
                    'x' => RegexOptions.IgnorePatternWhitespace,
                    _ => RegexOptions.None,
                };
            }
        }

        try
        {
            return body(input.Value, new Regex(pattern.Value, options, RegexTimeout));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // An invalid pattern, or a construct outside FEEL's regex flavour, has no result.
            return FeelNull.Instance;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new FeelEvaluationException(
                string.Create(CultureInfo.InvariantCulture, $"regular expression '{pattern.Value}' took longer than {RegexTimeout.TotalSeconds} s"));
        }
    }
}
