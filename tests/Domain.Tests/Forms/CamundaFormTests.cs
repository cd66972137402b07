using TaskFunctions.Domain.Forms;

namespace TaskFunctions.Domain.Tests.Forms;

public class CamundaFormTests
{
    // Shaped like a form saved by Camunda Modeler 5.x (form-js schemaVersion 16).
    private const string InvoiceApproval = """
        {
          "components": [
            { "text": "# Approve invoice", "type": "text", "layout": { "row": "Row_1" }, "id": "Field_0x1" },
            { "label": "Approved", "type": "checkbox", "id": "Field_0x2", "key": "approved", "validate": { "required": true } },
            { "label": "Comment", "type": "textarea", "id": "Field_0x3", "key": "reviewComment", "validate": { "required": false, "maxLength": 500 } },
            { "label": "Amount", "type": "number", "id": "Field_0x4", "key": "amount", "readonly": true },
            {
              "label": "Billing address", "type": "group", "id": "Field_0x5", "path": "address", "showOutline": true,
              "components": [
                { "label": "Street", "type": "textfield", "id": "Field_0x6", "key": "street", "validate": { "required": true } },
                { "label": "City", "type": "textfield", "id": "Field_0x7", "key": "city" },
                {
                  "type": "group", "id": "Field_0x8", "label": "Geo", "path": "geo",
                  "components": [ { "type": "number", "id": "Field_0x9", "key": "lat", "validate": { "required": true } } ]
                }
              ]
            },
            {
              "type": "group", "id": "Field_0xa", "label": "No path",
              "components": [ { "type": "select", "id": "Field_0xb", "key": "costCenter", "values": [ { "label": "A", "value": "a" } ], "validate": { "required": true } } ]
            },
            {
              "type": "dynamiclist", "id": "Field_0xc", "label": "Line items", "path": "items", "isRepeating": true, "validate": { "required": true },
              "components": [ { "type": "textfield", "id": "Field_0xd", "key": "description", "validate": { "required": true } } ]
            },
            { "type": "iframe", "id": "Field_0xe", "url": "https://example.com", "label": "Help" },
            { "type": "datetime", "id": "Field_0xf", "key": "payBy", "subtype": "date", "dateLabel": "Pay by", "validate": { "required": true } },
            { "action": "submit", "label": "Submit", "type": "button", "id": "Field_0x10", "key": "submit" }
          ],
          "type": "default",
          "id": "invoice-approval",
          "executionPlatform": "Camunda Cloud",
          "executionPlatformVersion": "8.6.0",
          "exporter": { "name": "Camunda Modeler", "version": "5.28.0" },
          "schemaVersion": 16
        }
        """;

    private static CamundaForm Parsed(string schema)
    {
        var result = CamundaForm.Parse(schema);
        Assert.True(result.IsSuccess, result.Error);
        return result.Form!;
    }

    [Fact]
    public void Parse_ModelerForm_IdAndSchemaVersion()
    {
        var form = Parsed(InvoiceApproval);

        Assert.Equal(("invoice-approval", 16), (form.Id, form.SchemaVersion!.Value));
    }

    [Fact]
    public void Parse_ModelerForm_RequiredFieldsPathAwareInDocumentOrder()
    {
        Assert.Equal(["approved", "address.street", "address.geo.lat", "costCenter", "items", "payBy"], Parsed(InvoiceApproval).RequiredFields);
    }

    [Fact]
    public void Parse_ModelerForm_FieldKeysExcludeButtonsTextAndListItems()
    {
        Assert.Equal(
            ["approved", "reviewComment", "amount", "address.street", "address.city", "address.geo.lat", "costCenter", "items", "payBy"],
            Parsed(InvoiceApproval).FieldKeys);
    }

    [Fact]
    public void Parse_NoRequiredFields_EmptyList()
    {
        var form = Parsed("""{"components":[{"type":"textfield","key":"name"}],"id":"f"}""");

        Assert.Empty(form.RequiredFields);
        Assert.Equal(["name"], form.FieldKeys);
    }

    [Fact]
    public void Parse_RequiredAsStringTrue_NotRequired()
    {
        Assert.Empty(Parsed("""{"components":[{"type":"textfield","key":"name","validate":{"required":"true"}}]}""").RequiredFields);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "no 'components' list")]
    [InlineData("""{"components": {}}""", "no 'components' list")]
    [InlineData("""{"id": 5, "components": []}""", "'id' must be a string")]
    [InlineData("""{"components": [1]}""", "components[0] is not an object")]
    [InlineData("""{"components": [{"key": "a"}]}""", "components[0] has no 'type'")]
    [InlineData("""{"components": [{"type": "group", "components": "x"}]}""", "must be a list")]
    public void Parse_Malformed_ErrorWithoutThrowing(string schema, string expected)
    {
        var result = CamundaForm.Parse(schema);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedTooDeep_ErrorWithoutThrowing()
    {
        var schema = "{\"components\":[" + string.Concat(Enumerable.Repeat("{\"type\":\"group\",\"components\":[", 40))
            + "{\"type\":\"textfield\",\"key\":\"x\"}" + string.Concat(Enumerable.Repeat("]}", 40)) + "]}";

        var result = CamundaForm.Parse(schema);

        Assert.False(result.IsSuccess);
        Assert.Contains("deeper than", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonNestedBeyondReaderLimit_ErrorWithoutThrowing()
    {
        var schema = "{\"components\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.False(CamundaForm.Parse(schema).IsSuccess);
    }

    [Fact]
    public void Parse_TooLong_Refused()
    {
        var schema = "{\"components\":[],\"pad\":\"" + new string('x', CamundaForm.MaxSchemaLength) + "\"}";

        Assert.Contains("longer than", CamundaForm.Parse(schema).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HideableRequiredFields_ListedAsConditional()
    {
        var form = Parsed("""
            {"components":[
              {"type":"checkbox","key":"hasVat","validate":{"required":true}},
              {"type":"textfield","key":"vatId","conditional":{"hide":"=not(hasVat)"},"validate":{"required":true}},
              {"type":"group","path":"bank","conditional":{"hide":"=payByCard"},
               "components":[{"type":"textfield","key":"iban","validate":{"required":true}}]},
              {"type":"textfield","key":"note","conditional":{"hide":""},"validate":{"required":true}}
            ]}
            """);

        Assert.Equal(["hasVat", "note"], form.RequiredFields);
        Assert.Equal(["vatId", "bank.iban"], form.ConditionallyRequiredFields);
    }

    [Fact]
    public void Parse_DuplicateKeys_ListedOnce()
    {
        var form = Parsed("""
            {"components":[{"type":"textfield","key":"a","validate":{"required":true}},
                           {"type":"textfield","key":"a","validate":{"required":true}}]}
            """);

        Assert.Equal(["a"], form.RequiredFields);
    }
}
