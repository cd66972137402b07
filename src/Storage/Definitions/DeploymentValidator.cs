using System.Globalization;
using System.Text;
using System.Text.Json;
using TaskFunctions.Domain.Bpmn;
using TaskFunctions.Domain.Forms;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// Reads every resource of a deployment before anything is written, and collects every problem of every resource,
/// so a deployment is either stored whole or refused with the full list of what to fix.
/// </summary>
internal static class DeploymentValidator
{
    /// <summary>Largest resource accepted, in bytes.</summary>
    public const int MaxResourceBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ValidatedDeployment Validate(IReadOnlyList<DeploymentResource>? resources, string tenantId)
    {
        var problems = new List<DeploymentProblem>();
        var processes = new List<ProcessCandidate>();
        var forms = new List<FormCandidate>();
        if (resources is null || resources.Count == 0)
        {
            problems.Add(new DeploymentProblem("", null, null, null, "A deployment needs at least one resource (.bpmn, .bpmn20.xml or .form)."));
            return new ValidatedDeployment(processes, forms, problems);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (resource is null)
            {
                problems.Add(new DeploymentProblem("", null, null, null, "A resource of the deployment is missing (null)."));
                continue;
            }

            var name = resource.Name ?? "";
            if (!names.Add(name))
            {
                problems.Add(DocumentProblem(name, $"The deployment contains more than one resource named '{name}'; resource names must be unique."));
                continue;
            }

            var kind = KindOf(name);
            if (kind is null)
            {
                problems.Add(DocumentProblem(name, string.IsNullOrWhiteSpace(name)
                    ? "The resource has no name; name it *.bpmn, *.bpmn20.xml or *.form."
                    : $"Resource '{name}' has an unknown file type; only .bpmn, .bpmn20.xml and .form files can be deployed."));
                continue;
            }

            var text = Decode(name, resource.Content, problems);
            if (text is null)
            {
                continue;
            }

            if (kind == DefinitionKind.Process)
            {
                ReadProcesses(name, text, tenantId, processes, problems);
            }
            else
            {
                ReadForm(name, text, tenantId, forms, problems);
            }
        }

        ReportDuplicateIds(processes.Select(p => (p.ResourceName, p.Model.BpmnProcessId)), "process", problems);
        ReportDuplicateIds(forms.Select(f => (f.ResourceName, f.FormId)), "form", problems);
        return new ValidatedDeployment(processes, forms, problems);
    }

    private static DefinitionKind? KindOf(string name) =>
        name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase)
            ? DefinitionKind.Process
            : name.EndsWith(".form", StringComparison.OrdinalIgnoreCase) ? DefinitionKind.Form : null;

    private static string? Decode(string name, byte[]? content, List<DeploymentProblem> problems)
    {
        if (content is null || content.Length == 0)
        {
            problems.Add(DocumentProblem(name, $"Resource '{name}' is empty."));
            return null;
        }

        if (content.Length > MaxResourceBytes)
        {
            problems.Add(DocumentProblem(name, string.Create(CultureInfo.InvariantCulture,
                $"Resource '{name}' is {content.Length} bytes; at most {MaxResourceBytes} bytes (4 MiB) are allowed.")));
            return null;
        }

        var bytes = content.AsSpan();
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(DocumentProblem(name, $"Resource '{name}' is empty."));
                return null;
            }

            return text;
        }
        catch (DecoderFallbackException e)
        {
            problems.Add(DocumentProblem(name, string.Create(CultureInfo.InvariantCulture,
                $"Resource '{name}' is not valid UTF-8 (bad byte at offset {e.Index}); save it as UTF-8.")));
            return null;
        }
    }

    private static void ReadProcesses(string name, string text, string tenantId, List<ProcessCandidate> processes, List<DeploymentProblem> problems)
    {
        var parsed = BpmnParser.Parse(text);
        if (!parsed.IsSuccess)
        {
            problems.AddRange(parsed.Problems.Select(p => new DeploymentProblem(name, p.ElementId, p.ElementType, p.Line > 0 ? p.Line : null, p.Reason)));
            return;
        }

        var compressed = Compress(name, text, problems);
        if (compressed is null)
        {
            return;
        }

        var checksum = DefinitionContent.Checksum(text);
        foreach (var process in parsed.Processes)
        {
            if (!KeyFits(DefinitionKind.Process, tenantId, process.BpmnProcessId))
            {
                problems.Add(new DeploymentProblem(name, process.BpmnProcessId, "process", null,
                    $"The process id '{process.BpmnProcessId}' is too long to store with tenant '{tenantId}'; shorten it."));
                continue;
            }

            processes.Add(new ProcessCandidate(name, text, compressed, checksum, process));
        }
    }

    private static void ReadForm(string name, string text, string tenantId, List<FormCandidate> forms, List<DeploymentProblem> problems)
    {
        var parsed = CamundaForm.Parse(text);
        if (!parsed.IsSuccess)
        {
            problems.Add(new DeploymentProblem(name, null, "form", null, parsed.Error!));
            return;
        }

        var form = parsed.Form!;
        if (string.IsNullOrWhiteSpace(form.Id))
        {
            problems.Add(new DeploymentProblem(name, null, "form", null, "The form has no 'id'; give it the id that user tasks link with zeebe:formDefinition formId."));
            return;
        }

        if (!KeyFits(DefinitionKind.Form, tenantId, form.Id))
        {
            problems.Add(new DeploymentProblem(name, form.Id, "form", null, $"The form id '{form.Id}' is too long to store with tenant '{tenantId}'; shorten it."));
            return;
        }

        var versionTag = ReadVersionTag(text, name, problems);
        var compressed = Compress(name, text, problems);
        if (compressed is not null && versionTag.Valid)
        {
            forms.Add(new FormCandidate(name, text, compressed, DefinitionContent.Checksum(text), form.Id, versionTag.Tag, form));
        }
    }

    // CamundaForm does not keep the version tag; it is only needed here.
    private static (bool Valid, string? Tag) ReadVersionTag(string text, string name, List<DeploymentProblem> problems)
    {
        // CamundaForm.Parse accepted the text with this depth, so it parses again.
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = (4 * CamundaForm.MaxNesting) + 8 });
        if (!document.RootElement.TryGetProperty("versionTag", out var tag) || tag.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (tag.ValueKind != JsonValueKind.String)
        {
            problems.Add(new DeploymentProblem(name, null, "form", null, "The form's 'versionTag' must be a string."));
            return (false, null);
        }

        var value = tag.GetString();
        return (true, string.IsNullOrWhiteSpace(value) ? null : value.Trim());
    }

    private static byte[]? Compress(string name, string text, List<DeploymentProblem> problems)
    {
        var compressed = DefinitionContent.Compress(text);
        if (compressed.Length <= DefinitionContent.MaxCompressedBytes)
        {
            return compressed;
        }

        problems.Add(DocumentProblem(name, string.Create(CultureInfo.InvariantCulture,
            $"Resource '{name}' compresses to {compressed.Length} bytes; at most {DefinitionContent.MaxCompressedBytes} can be stored. Split it into smaller files.")));
        return null;
    }

    private static bool KeyFits(DefinitionKind kind, string tenantId, string id) =>
        TableKeys.IsValid(DefinitionRows.DefinitionPartitionKey(kind, tenantId, id))
        && TableKeys.IsValid(DefinitionRows.DeploymentMemberRowKey(kind, id));

    private static void ReportDuplicateIds(IEnumerable<(string ResourceName, string Id)> definitions, string kind, List<DeploymentProblem> problems)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (resourceName, id) in definitions)
        {
            if (!first.TryAdd(id, resourceName))
            {
                problems.Add(new DeploymentProblem(resourceName, id, kind,
                    null, $"The {kind} id '{id}' is also defined in '{first[id]}'; a deployment may define each {kind} id once."));
            }
        }
    }

    private static DeploymentProblem DocumentProblem(string name, string reason) => new(name, null, "document", null, reason);
}
