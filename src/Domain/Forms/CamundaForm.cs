using System.Text.Json;

namespace TaskFunctions.Domain.Forms;

/// <summary>
/// A Camunda Form (form-js JSON schema) as far as the engine needs it: its id and which fields it binds, and which of
/// them are required (<c>validate.required: true</c>), so that completing a task can be checked server-side.
/// Field names are full variable paths: a field inside a group with a <c>path</c> is named <c>path.key</c>.
/// Fields inside a dynamic list are per list item; the list itself is a field, its item fields are not listed.
/// A required field that the form can hide (<c>conditional.hide</c> on it or on an enclosing group) is not enforced by
/// form-js while hidden, so it is listed in <see cref="ConditionallyRequiredFields"/> instead of <see cref="RequiredFields"/>.
/// </summary>
public sealed record CamundaForm
{
    /// <summary>Longest schema text accepted.</summary>
    public const int MaxSchemaLength = 1_000_000;

    /// <summary>Deepest nesting of components (groups in groups) accepted.</summary>
    public const int MaxNesting = 32;

    /// <summary>Most components accepted in one form.</summary>
    public const int MaxComponents = 10_000;

    // Components that carry a key but bind no variable.
    private static readonly HashSet<string> UnboundTypes = new(StringComparer.Ordinal) { "button" };

    private CamundaForm(string? id, int? schemaVersion, IReadOnlyList<string> fieldKeys, IReadOnlyList<string> requiredFields, IReadOnlyList<string> conditionallyRequired)
    {
        Id = id;
        SchemaVersion = schemaVersion;
        FieldKeys = fieldKeys;
        RequiredFields = requiredFields;
        ConditionallyRequiredFields = conditionallyRequired;
    }

    /// <summary>The form's <c>id</c>, which <c>zeebe:formDefinition formId</c> refers to.</summary>
    public string? Id { get; }

    public int? SchemaVersion { get; }

    /// <summary>Every variable the form binds, in document order.</summary>
    public IReadOnlyList<string> FieldKeys { get; }

    /// <summary>The variables the form always requires, in document order.</summary>
    public IReadOnlyList<string> RequiredFields { get; }

    /// <summary>Required fields the form may hide (and then does not require), in document order.</summary>
    public IReadOnlyList<string> ConditionallyRequiredFields { get; }

    /// <summary>Reads a form-js schema; never throws: returns the form, or an error saying what is wrong.</summary>
    public static CamundaFormParseResult Parse(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
            return Fail("The form schema is empty.");

        if (schema.Length > MaxSchemaLength)
            return Fail($"The form schema is longer than {MaxSchemaLength} characters.");

        try
        {
            using var document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = 4 * MaxNesting + 8 });
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return Fail($"The form schema is not valid JSON: {e.Message}");
        }
    }

    private static CamundaFormParseResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Fail("The form schema must be a JSON object with a 'components' list.");

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind != JsonValueKind.String)
                return Fail("The form's 'id' must be a string.");
            id = idElement.GetString();
        }

        int? schemaVersion = root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number
            && version.TryGetInt32(out var v) ? v : null;

        if (!root.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
            return Fail("The form schema has no 'components' list.");

        var walker = new Walker();
        var error = walker.Walk(components, prefix: "", depth: 1, where: "components");
        return error is null
            ? new CamundaFormParseResult(new CamundaForm(id, schemaVersion, walker.Fields, walker.Required, walker.ConditionallyRequired), null)
            : Fail(error);
    }

    private static CamundaFormParseResult Fail(string error) => new(null, error);

    private sealed class Walker
    {
        private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
        private readonly HashSet<string> _required = new(StringComparer.Ordinal);
        private readonly HashSet<string> _conditionallyRequired = new(StringComparer.Ordinal);
        private int _count;

        public List<string> Fields { get; } = [];

        public List<string> Required { get; } = [];

        public List<string> ConditionallyRequired { get; } = [];

        public string? Walk(JsonElement components, string prefix, int depth, string where, bool hideable = false)
        {
            if (depth > MaxNesting)
                return $"The form nests components deeper than {MaxNesting} levels (at {where}).";

            var index = 0;
            foreach (var component in components.EnumerateArray())
            {
                var at = $"{where}[{index++}]";
                if (++_count > MaxComponents)
                    return $"The form has more than {MaxComponents} components.";
                if (component.ValueKind != JsonValueKind.Object)
                    return $"The form component at {at} is not an object.";
                if (Component(component, prefix, depth, at, hideable) is { } error)
                    return error;
            }

            return null;
        }

        private string? Component(JsonElement component, string prefix, int depth, string at, bool hideable)
        {
            hideable |= CanHide(component);
            var type = String(component, "type");
            if (type is null)
                return $"The form component at {at} has no 'type'.";

            var key = String(component, "key");
            var path = String(component, "path");
            var hasChildren = component.TryGetProperty("components", out var children);
            if (hasChildren && children.ValueKind != JsonValueKind.Array)
                return $"The 'components' of the form component at {at} must be a list.";

            if (type == "dynamiclist")
            {
                // The list binds one variable (its path); the fields inside it repeat per item.
                if (!string.IsNullOrWhiteSpace(path))
                    Add(prefix + path, IsRequired(component), hideable);
                return null;
            }

            if (!string.IsNullOrWhiteSpace(key) && !UnboundTypes.Contains(type) && !hasChildren)
                Add(prefix + key, IsRequired(component), hideable);

            if (!hasChildren)
                return null;

            var childPrefix = string.IsNullOrWhiteSpace(path) ? prefix : prefix + path + ".";
            return Walk(children, childPrefix, depth + 1, at + ".components", hideable);
        }

        private void Add(string name, bool required, bool hideable)
        {
            if (_fields.Add(name))
                Fields.Add(name);
            if (required && !hideable && _required.Add(name))
                Required.Add(name);
            if (required && hideable && _conditionallyRequired.Add(name))
                ConditionallyRequired.Add(name);
        }

        private static bool CanHide(JsonElement component) =>
            component.TryGetProperty("conditional", out var conditional) && conditional.ValueKind == JsonValueKind.Object
            && conditional.TryGetProperty("hide", out var hide)
            && hide.ValueKind is JsonValueKind.String or JsonValueKind.True
            && (hide.ValueKind == JsonValueKind.True || !string.IsNullOrWhiteSpace(hide.GetString()));

        private static bool IsRequired(JsonElement component) =>
            component.TryGetProperty("validate", out var validate) && validate.ValueKind == JsonValueKind.Object
            && validate.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True;

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
