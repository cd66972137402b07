using TaskFunctions.Domain.Bpmn;

namespace TaskFunctions.Storage.Definitions;

/// <summary>A parsed process ready to store.</summary>
internal sealed record ProcessCandidate(string ResourceName, string Text, byte[] Compressed, string Checksum, ProcessDefinition Model);
