using TaskFunctions.Domain.Forms;

namespace TaskFunctions.Storage.Definitions;

/// <summary>A parsed form ready to store.</summary>
internal sealed record FormCandidate(string ResourceName, string Text, byte[] Compressed, string Checksum, string FormId, string? VersionTag, CamundaForm Parsed);
