using Azure;

namespace TaskFunctions.Storage.Tables;

/// <summary>An answer that may carry no value, e.g. an entity that does not exist.</summary>
internal sealed class TableNullableResponse<T>(T? value, Response response) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T Value => value ?? throw new InvalidOperationException("The response has no value: the resource does not exist.");

    public override Response GetRawResponse() => response;
}
