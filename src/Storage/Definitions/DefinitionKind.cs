namespace TaskFunctions.Storage.Definitions;

/// <summary>What a definition row holds.</summary>
internal enum DefinitionKind
{
    Process,
    Form,
}
