using System.Globalization;
using System.Text;

namespace TaskFunctions.Storage.Tables;

/// <summary>Builds a URL query string, percent-encoding every value (filters and continuation tokens included).</summary>
internal sealed class TableQueryString
{
    private readonly StringBuilder _text = new();

    public TableQueryString Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public TableQueryString Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();
}
