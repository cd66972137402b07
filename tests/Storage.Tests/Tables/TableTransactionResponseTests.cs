using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

public sealed class TableTransactionResponseTests
{
    [Fact]
    public void Boundary_FromContentType_IsRead()
    {
        Assert.Equal("batchresponse_abc", TableTransactionResponse.Boundary("multipart/mixed; boundary=batchresponse_abc"));
        Assert.Throws<FormatException>(() => TableTransactionResponse.Boundary("application/json"));
    }

    [Fact]
    public void Parse_SuccessAnswer_OnePartPerActionWithETags()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "DataServiceVersion: 3.0;",
            "ETag: W/\"datetime'2026-11-22T10%3A27%3A09.8577026Z'\"",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "DataServiceVersion: 3.0;",
            "",
            "--changesetresponse_2--",
            "--batchresponse_1--",
            "");

        var parts = TableTransactionResponse.Parse("batchresponse_1", body);

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal(204, p.Status));
        Assert.Equal("W/\"datetime'2026-11-22T10%3A27%3A09.8577026Z'\"", parts[0].Headers["ETag"]);
    }

    [Fact]
    public void Parse_FailureWithStrayBoundaryLine_FindsStatusIndexAndCode()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 409 Conflict",
            "Content-ID: 2",
            "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
            "",
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\\nRequestId:x\"}}}",
            "--batchresponse_1",
            "--changesetresponse_2--",
            "--batchresponse_1--",
            "");

        var part = Assert.Single(TableTransactionResponse.Parse("batchresponse_1", body));

        Assert.Equal(409, part.Status);
        Assert.Equal(1, TableTransactionResponse.FailedIndex(part, "1:The specified entity already exists.", 3));
    }

    [Fact]
    public void FailedIndex_NoPrefix_FallsBackToContentId()
    {
        var part = new TableTransactionResponse.Part(412, new Dictionary<string, string> { ["Content-ID"] = "3" }, string.Empty);

        Assert.Equal(2, TableTransactionResponse.FailedIndex(part, "Condition not met", 5));
    }

    [Fact]
    public void ErrorParser_HeaderJsonXmlAndEmpty_FindsCode()
    {
        Assert.Equal("FromHeader", TableErrorParser.Parse("FromHeader", "{\"odata.error\":{\"code\":\"FromBody\"}}").Code);
        Assert.Equal("FromBody", TableErrorParser.Parse(null, "{\"odata.error\":{\"code\":\"FromBody\",\"message\":{\"value\":\"m\"}}}").Code);
        Assert.Equal("InvalidHeaderValue", TableErrorParser.Parse(null, "<?xml version=\"1.0\"?><Error><Code>InvalidHeaderValue</Code><Message>bad</Message></Error>").Code);
        Assert.Null(TableErrorParser.Parse(null, string.Empty).Code);
        Assert.Null(TableErrorParser.Parse(null, "{not json").Code);
    }
}
