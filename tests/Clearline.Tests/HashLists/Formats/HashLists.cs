using System.Security.Cryptography;
using System.Text;
using Clearline.HashLists.Formats;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>Reads a hash list through the public reader, the way an import job will.</summary>
internal static class HashLists
{
    public static Task<List<HashListRecord>> ReadAsync(string text, HashListFormat format, bool bom = false) =>
        ReadAsync(Encode(text, bom), format);

    public static async Task<List<HashListRecord>> ReadAsync(byte[] bytes, HashListFormat format, int chunk = int.MaxValue)
    {
        using var stream = new TrickleStream(bytes, chunk);
        return await ReadAsync(stream, format);
    }

    public static async Task<List<HashListRecord>> ReadAsync(Stream stream, HashListFormat format)
    {
        var records = new List<HashListRecord>();
        await foreach (var record in HashListReader.ReadAsync(stream, format, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    public static byte[] Encode(string text, bool bom) =>
        [.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)];

    public static List<HashListEntry> Entries(this IEnumerable<HashListRecord> records) =>
        [.. records.OfType<HashListRecord.Entry>().Select(e => e.Value)];

    public static List<HashListRecord.Error> Errors(this IEnumerable<HashListRecord> records) =>
        [.. records.OfType<HashListRecord.Error>()];

    // The VICS README lists the source strings of its MD5s so tests can compute them again; MD5 identifies, it protects nothing.
#pragma warning disable CA5351
    /// <summary>The lowercase MD5 of a string's UTF-8 bytes.</summary>
    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
