using System.Text;
using System.Text.Json;
using Azure;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Tests.Tables;

/// <summary>The exact bytes the client puts on the wire and how it reads them back, without a service.</summary>
public sealed class TableWireFormatTests
{
    [Fact]
    public void TransactionBody_ThreeActions_MatchesTheProtocolByteForByte()
    {
        var etag = new ETag("W/\"datetime'2026-11-22T10%3A27%3A09.8577026Z'\"");
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("wf3", "a") { ["Status"] = "Open" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("wf3", "c") { ["Status"] = "Claimed" }, etag),
            new(TableTransactionActionType.Delete, new TableEntity("wf3", "b")),
        ];

        var body = Encoding.UTF8.GetString(TableTransactionBody.Build(
            "http://127.0.0.1:10002/devstoreaccount1", "Tasks", actions, "batch_affa36ed", "changeset_e88a534c"));

        var expected =
            "--batch_affa36ed\r\n" +
            "Content-Type: multipart/mixed; boundary=changeset_e88a534c\r\n\r\n" +
            "--changeset_e88a534c\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n\r\n" +
            "POST http://127.0.0.1:10002/devstoreaccount1/Tasks HTTP/1.1\r\n" +
            "Content-Type: application/json\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "Prefer: return-no-content\r\n" +
            "DataServiceVersion: 3.0;\r\n\r\n" +
            "{\"PartitionKey\":\"wf3\",\"RowKey\":\"a\",\"Status\":\"Open\"}\r\n" +
            "--changeset_e88a534c\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n\r\n" +
            "MERGE http://127.0.0.1:10002/devstoreaccount1/Tasks(PartitionKey='wf3',RowKey='c') HTTP/1.1\r\n" +
            "Content-Type: application/json\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "Prefer: return-no-content\r\n" +
            "DataServiceVersion: 3.0;\r\n" +
            "If-Match: W/\"datetime'2026-11-22T10%3A27%3A09.8577026Z'\"\r\n\r\n" +
            "{\"PartitionKey\":\"wf3\",\"RowKey\":\"c\",\"Status\":\"Claimed\"}\r\n" +
            "--changeset_e88a534c\r\n" +
            "Content-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n\r\n" +
            "DELETE http://127.0.0.1:10002/devstoreaccount1/Tasks(PartitionKey='wf3',RowKey='b') HTTP/1.1\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "DataServiceVersion: 3.0;\r\n" +
            "If-Match: *\r\n\r\n" +
            "--changeset_e88a534c--\r\n" +
            "--batch_affa36ed--\r\n";
        Assert.Equal(expected, body);
    }

    [Fact]
    public void EntityJson_TypesJsonCannotCarry_AreAnnotated()
    {
        var entity = new TableEntity("p", "r")
        {
            ["I"] = 1, ["L"] = 5_000_000_000L, ["D"] = 2.0, ["N"] = double.NaN, ["B"] = false,
            ["T"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), ["G"] = Guid.Empty, ["X"] = new byte[] { 10, 11 },
            ["Timestamp"] = DateTimeOffset.MinValue, ["odata.etag"] = "ignored", ["Null"] = null,
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Serialize(entity));

        Assert.Equal(
            "{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"I\":1," +
            "\"L@odata.type\":\"Edm.Int64\",\"L\":\"5000000000\"," +
            "\"D@odata.type\":\"Edm.Double\",\"D\":2.0," +
            "\"N@odata.type\":\"Edm.Double\",\"N\":\"NaN\",\"B\":false," +
            "\"T@odata.type\":\"Edm.DateTime\",\"T\":\"2025-01-02T03:04:05.0000000Z\"," +
            "\"G@odata.type\":\"Edm.Guid\",\"G\":\"00000000-0000-0000-0000-000000000000\"," +
            "\"X@odata.type\":\"Edm.Binary\",\"X\":\"Cgs=\"}",
            json);
    }

    [Fact]
    public void EntityJson_MinimalMetadata_HonoursAnnotationsAndStripsMetadata()
    {
        const string json = """
            {"odata.etag":"W/\"x\"","PartitionKey":"p","RowKey":"r","Timestamp":"2026-11-22T10:27:09.8577026Z",
             "L@odata.type":"Edm.Int64","L":"9007199254740993","D@odata.type":"Edm.Double","D":2,
             "Inf@odata.type":"Edm.Double","Inf":"-Infinity","T@odata.type":"Edm.DateTime","T":"2025-01-05T00:00Z",
             "I":7,"F":1.25,"S":"text","B":true}
            """;

        using var document = JsonDocument.Parse(json);
        var entity = TableEntityJson.Read(document.RootElement);

        Assert.Equal(new ETag("W/\"x\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 27, 9, TimeSpan.Zero).AddTicks(8577026), entity.Timestamp);
        Assert.Equal(9007199254740993L, entity["L"]);
        Assert.Equal(2.0, entity["D"]);
        Assert.Equal(double.NegativeInfinity, entity["Inf"]);
        Assert.Equal(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero), entity["T"]);
        Assert.Equal(7, entity["I"]);
        Assert.Equal(1.25, entity["F"]);
        Assert.Equal(["PartitionKey", "RowKey", "L", "D", "Inf", "T", "I", "F", "S", "B"], entity.Keys);
    }
}
