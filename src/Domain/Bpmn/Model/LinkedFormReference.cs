namespace TaskFunctions.Domain.Bpmn;

/// <summary>A deployed Camunda Form linked by id (<c>zeebe:formDefinition formId=</c>).</summary>
public sealed record LinkedFormReference(string FormId, FormBindingType BindingType, string? VersionTag) : FormReference;
