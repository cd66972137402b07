using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskFunctions.Functions.Tests.Hostile;

/// <summary>
/// One hostile request of the corpus (<c>Hostile/Corpus/manifest.json</c>): route, method, body (inline, a corpus
/// file, base64 bytes or generated), the status range it must get and, for a search, how many items it may find.
/// <c>{taskKey}</c>, <c>{claimedTaskKey}</c>, <c>{instanceKey}</c> and <c>{definitionKey}</c> in the path and body
/// are replaced by keys of the arranged state.
/// </summary>
public sealed record HostileCase
{
    public required string Name { get; init; }

    public string Method { get; init; } = "POST";

    public required string Path { get; init; }

    /// <summary>A corpus file sent as the one <c>resources</c> part of a multipart deployment.</summary>
    public string? Deploy { get; init; }

    public string? Body { get; init; }

    public string? BodyFile { get; init; }

    public string? BodyBase64 { get; init; }

    /// <summary><c>kind:size</c>, see <see cref="HostileCorpus.Generate"/>.</summary>
    public string? Generate { get; init; }

    public string? ContentType { get; init; }

    public string? User { get; init; }

    public string? Groups { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    /// <summary><c>4xx</c>, one status, or several separated by commas (<c>400,404</c>).</summary>
    public string Status { get; init; } = "4xx";

    /// <summary>For a 200 search or count: the most items (or the highest count) it may report.</summary>
    public int? MaxItems { get; init; }

    public bool Accepts(int status) =>
        Status == "4xx" ? status is >= 400 and < 500 : Status.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Contains(status);

    public override string ToString() => $"{Name} ({Method} {Path})";
}

/// <summary>Reads the corpus and turns its cases into requests.</summary>
public static class HostileCorpus
{
    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Hostile", "Corpus");

    public static IReadOnlyList<HostileCase> Load() =>
        JsonSerializer.Deserialize<List<HostileCase>>(
            File.ReadAllText(System.IO.Path.Combine(Directory, "manifest.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow })!;

    public static HttpRequestMessage Request(HostileCase c, IReadOnlyDictionary<string, string> keys)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), Substitute(c.Path, keys));
        if (c.User is not null)
        {
            request.Headers.Add("X-User-Id", c.User);
        }

        if (c.Groups is not null)
        {
            request.Headers.Add("X-User-Groups", c.Groups);
        }

        foreach (var (name, value) in c.Headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        if (c.Deploy is not null)
        {
            var multipart = new MultipartFormDataContent();
            var file = c.Generate is null
                ? File.ReadAllBytes(System.IO.Path.Combine(Directory, c.Deploy))
                : Encoding.UTF8.GetBytes(Generate(c.Generate));
            multipart.Add(new ByteArrayContent(file), "resources", c.Deploy);
            request.Content = multipart;
            return request;
        }

        byte[]? body = c switch
        {
            { Body: { } text } => Encoding.UTF8.GetBytes(Substitute(text, keys)),
            { BodyFile: { } name } => Encoding.UTF8.GetBytes(Substitute(File.ReadAllText(System.IO.Path.Combine(Directory, name)), keys)),
            { BodyBase64: { } base64 } => Convert.FromBase64String(base64),
            { Generate: { } spec } => Encoding.UTF8.GetBytes(Generate(spec)),
            _ => null,
        };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType ?? "application/json");
        }

        return request;
    }

    /// <summary>
    /// Inputs too big to keep as files: <c>nestedArrays:n</c> (variables nested n arrays deep), <c>nestedObjects:n</c>,
    /// <c>hugeString:n</c> (one variable of n characters), <c>manyVariables:n</c>, <c>longAssignee:n</c>,
    /// <c>bigBpmn:n</c> (a diagram with n characters of documentation), <c>nestedBpmn:n</c> (n nested sub-processes).
    /// </summary>
    public static string Generate(string spec)
    {
        var parts = spec.Split(':');
        var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "nestedArrays" => "{\"variables\":{\"x\":" + new string('[', n) + new string(']', n) + "}}",
            "nestedObjects" => "{\"variables\":" + string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n) + "}",
            "hugeString" => "{\"variables\":{\"x\":\"" + new string('a', n) + "\"}}",
            "manyVariables" => "{\"variables\":{" + string.Join(',', Enumerable.Range(0, n).Select(i => $"\"v{i}\":{i}")) + "}}",
            "longAssignee" => "{\"assignee\":\"" + new string('a', n) + "\"}",
            "bigBpmn" => Bpmn("<bpmn:documentation>" + new string('x', n) + "</bpmn:documentation>"),
            "nestedBpmn" => Bpmn(string.Concat(Enumerable.Range(0, n).Select(i => $"<bpmn:subProcess id=\"s{i}\">")) +
                                 string.Concat(Enumerable.Repeat("</bpmn:subProcess>", n))),
            _ => throw new ArgumentException($"Unknown generator '{parts[0]}'."),
        };
    }

    private static string Bpmn(string inner) =>
        """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">""" +
        """<bpmn:process id="generated" isExecutable="true"><bpmn:startEvent id="start" />""" + inner + "</bpmn:process></bpmn:definitions>";

    private static string Substitute(string text, IReadOnlyDictionary<string, string> keys) =>
        keys.Aggregate(text, (current, key) => current.Replace("{" + key.Key + "}", key.Value, StringComparison.Ordinal));
}
