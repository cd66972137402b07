using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using TaskFunctions.Storage.Tables;

namespace TaskFunctions.Storage.Definitions;

/// <summary>
/// Stores a resource's text in its version row: UTF-8, gzip-compressed, in binary properties of at most 64 KiB
/// (<c>Content</c>, <c>Content_1</c>, … with the count in <c>Content_Parts</c>). XML compresses about tenfold, so a
/// BPMN file of several megabytes still fits the 1 MiB entity; one that does not is refused at deployment.
/// </summary>
internal static class DefinitionContent
{
    /// <summary>
    /// Compressed bytes one row holds: binary travels as base64, and the emulator counts the encoded size against the
    /// 1 MiB entity limit, so this leaves room for that and the row's other properties.
    /// </summary>
    public const int MaxCompressedBytes = 11 * TableEntityLimits.MaxBinaryBytes;

    public static byte[] Compress(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static void Write(TableEntity entity, byte[] compressed)
    {
        var parts = (compressed.Length + TableEntityLimits.MaxBinaryBytes - 1) / TableEntityLimits.MaxBinaryBytes;
        for (var i = 0; i < parts; i++)
        {
            var start = i * TableEntityLimits.MaxBinaryBytes;
            entity[PartName(i)] = compressed.AsSpan(start, Math.Min(TableEntityLimits.MaxBinaryBytes, compressed.Length - start)).ToArray();
        }

        entity[DefinitionRows.Content + LargeStringProperty.PartCountSuffix] = parts;
    }

    public static string Read(TableEntity entity)
    {
        var parts = entity.GetInt32(DefinitionRows.Content + LargeStringProperty.PartCountSuffix)
            ?? throw new InvalidOperationException($"Definition row {entity.PartitionKey}/{entity.RowKey} has no content.");
        using var compressed = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            compressed.Write(entity.GetBinary(PartName(i)) ?? throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Definition row {entity.PartitionKey}/{entity.RowKey} lacks content part {i} of {parts}.")));
        }

        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// SHA-256 of the text with line endings made uniform, so the same file saved on another system is still
    /// recognised as a redeployment of the same content.
    /// </summary>
    public static string Checksum(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));

    private static string PartName(int index) =>
        index == 0 ? DefinitionRows.Content : string.Create(CultureInfo.InvariantCulture, $"{DefinitionRows.Content}_{index}");
}
