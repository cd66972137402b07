using System.Globalization;
using System.Net;
using System.Text;

namespace TaskFunctions.Bench;

/// <summary>One line or one set of bars of a chart: a name and a value per category (NaN where it has none).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, bool Dashed = false);

/// <summary>Small, dependency-free SVG charts: lines or grouped bars over categorical x values, a legend, a y grid.</summary>
public static class Svg
{
    private const int Width = 760;
    private const int Height = 400;
    private const int Left = 70;
    private const int Right = 200;
    private const int Top = 40;
    private const int Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string LineChart(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Chart(title, xTitle, yTitle, categories, series, bars: false);

    public static string BarChart(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Chart(title, xTitle, yTitle, categories, series, bars: true);

    private static string Chart(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, bool bars)
    {
        var max = series.SelectMany(s => s.Values).Where(v => double.IsFinite(v)).DefaultIfEmpty(1).Max();
        var top = NiceCeiling(max <= 0 ? 1 : max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n");

        for (var i = 0; i <= 5; i++)
        {
            var value = top * i / 5;
            var y = Top + plotHeight - (plotHeight * i / 5.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Format(value)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>\n");
        var slot = plotWidth / (double)Math.Max(1, categories.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + slot * (c + 0.5):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{Escape(categories[c])}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">{Escape(xTitle)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"16\" y=\"{Top + plotHeight / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Top + plotHeight / 2})\">{Escape(yTitle)}</text>\n");

        double Y(double v) => Top + plotHeight - (plotHeight * Math.Min(v, top) / top);
        for (var s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var values = series[s].Values;
            if (bars)
            {
                var barWidth = slot * 0.8 / series.Count;
                for (var c = 0; c < Math.Min(categories.Count, values.Count); c++)
                {
                    if (!double.IsFinite(values[c]))
                    {
                        continue;
                    }

                    var x = Left + slot * c + slot * 0.1 + barWidth * s;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect x=\"{x:0.#}\" y=\"{Y(values[c]):0.#}\" width=\"{barWidth:0.#}\" height=\"{Top + plotHeight - Y(values[c]):0.#}\" fill=\"{color}\"><title>{Escape(series[s].Name)}: {Format(values[c])}</title></rect>\n");
                }
            }
            else
            {
                var points = Enumerable.Range(0, Math.Min(categories.Count, values.Count))
                    .Where(c => double.IsFinite(values[c]))
                    .Select(c => (X: Left + slot * (c + 0.5), Y: Y(values[c]), V: values[c]))
                    .ToList();
                var dash = series[s].Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{string.Join(' ', points.Select(p => p.X.ToString("0.#", CultureInfo.InvariantCulture) + "," + p.Y.ToString("0.#", CultureInfo.InvariantCulture)))}\"/>\n");
                foreach (var p in points)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"3.5\" fill=\"{color}\"><title>{Escape(series[s].Name)}: {Format(p.V)}</title></circle>\n");
                }
            }

            var ly = Top + 8 + s * 20;
            var lx = Width - Right + 16;
            svg.Append(bars || !series[s].Dashed
                ? $"<rect x=\"{lx}\" y=\"{ly - 9}\" width=\"14\" height=\"10\" fill=\"{color}\"/>\n"
                : $"<line x1=\"{lx}\" y1=\"{ly - 4}\" x2=\"{lx + 14}\" y2=\"{ly - 4}\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 20}\" y=\"{ly}\">{Escape(series[s].Name)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The smallest 1, 2 or 5 times a power of ten that is at least <paramref name="value"/>.</summary>
    internal static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Format(double value) =>
        value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
