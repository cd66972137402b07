using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskFunctions.Storage.Tables;

/// <summary>
/// Reads the error code and message of a failed Table service answer. The code is looked for in the
/// <c>x-ms-error-code</c> header first, then in a JSON <c>odata.error</c> body, then in an XML <c>&lt;Code&gt;</c>
/// element, because the service and the emulator use all three (and sometimes send no body at all).
/// </summary>
internal static partial class TableErrorParser
{
    public static (string? Code, string? Message) Parse(string? headerCode, string? body)
    {
        var (bodyCode, message) = ParseBody(body);
        return (string.IsNullOrEmpty(headerCode) ? bodyCode : headerCode, message);
    }

    private static (string? Code, string? Message) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("odata.error", out var error)
                    && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    string? message = null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind switch
                        {
                            JsonValueKind.String => m.GetString(),
                            JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                            _ => null,
                        };
                    }

                    return (code, message);
                }
            }
            catch (JsonException)
            {
                // Not the JSON error shape after all: fall through to the text forms.
            }

            return (null, null);
        }

        if (trimmed.StartsWith('<'))
        {
            var code = XmlCode().Match(trimmed);
            var message = XmlMessage().Match(trimmed);
            return (code.Success ? code.Groups[1].Value.Trim() : null, message.Success ? message.Groups[1].Value.Trim() : null);
        }

        return (null, null);
    }

    [GeneratedRegex("<Code>([^<]*)</Code>", RegexOptions.IgnoreCase)]
    private static partial Regex XmlCode();

    [GeneratedRegex("<Message>([^<]*)</Message>", RegexOptions.IgnoreCase)]
    private static partial Regex XmlMessage();
}
