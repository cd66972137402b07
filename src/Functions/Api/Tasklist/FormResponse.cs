namespace TaskFunctions.Functions.Api.Tasklist;

/// <summary>
/// A form as Tasklist v1 shows it: <c>schema</c> is the form JSON as a string; <c>version</c> is null for a form
/// embedded in the process.
/// </summary>
public sealed record FormResponse(
    string Id,
    string ProcessDefinitionKey,
    string Title,
    string Schema,
    long? Version,
    string TenantId,
    bool IsDeleted);
