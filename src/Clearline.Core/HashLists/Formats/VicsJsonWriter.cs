using System.Globalization;
using System.Text.Json;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Writes a VICS 2.0 hash set (<c>#Media</c>) as INTEROP.md §1.4 and §1.5 describe: MD5, SHA-1 and SHA-256 in
/// uppercase as producers write them, SHA-256 and PDQ (lowercase) in <c>AlternativeHashes</c>, PhotoDNA as the
/// top-level property, and <c>IsPrecategorized</c> always present.
/// </summary>
internal static class VicsJsonWriter
{
    /// <summary>The model this writer declares.</summary>
    public const string Context = "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media";

    private const int FlushBytes = 64 * 1024;

    public static async Task<HashListWriteResult> WriteAsync(Stream stream, IAsyncEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        long written = 0;
        long skipped = 0;
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("@odata.context", Context);
        json.WriteStartArray("value");
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            if (entry.Md5 is null)
            {
                skipped++;
                continue;
            }

            WriteMedia(json, entry, ++written);
            if (json.BytesPending > FlushBytes)
            {
                await json.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct).ConfigureAwait(false);
        return new HashListWriteResult(written, skipped);
    }

    private static void WriteMedia(Utf8JsonWriter json, HashListEntry entry, long mediaId)
    {
        var md5 = entry.Md5!.ToUpperInvariant();
        json.WriteStartObject();
        json.WriteNumber("MediaID", mediaId);
        if (entry.Category is null)
        {
            json.WriteNull("Category");
        }
        else
        {
            json.WriteNumber("Category", Category(entry.Category));
        }

        json.WriteString("MD5", md5);
        if (entry.Sha1 is not null)
        {
            json.WriteString("SHA1", entry.Sha1.ToUpperInvariant());
        }

        json.WriteBoolean("IsPrecategorized", entry.Category is not null);
        if (entry.PhotoDna is not null)
        {
            json.WriteString("PhotoDNA", entry.PhotoDna);
        }

        if (entry.Sha256 is not null || entry.Pdq is not null)
        {
            json.WriteStartArray("AlternativeHashes");
            if (entry.Sha256 is not null)
            {
                WriteAlternativeHash(json, md5, "SHA256", entry.Sha256.ToUpperInvariant());
            }

            if (entry.Pdq is { } pdq)
            {
                WriteAlternativeHash(json, md5, "PDQ", pdq.ToString());
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteAlternativeHash(Utf8JsonWriter json, string md5, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("MD5", md5);
        json.WriteString("HashName", name);
        json.WriteString("HashValue", value);
        json.WriteEndObject();
    }

    private static byte Category(string category) =>
        byte.TryParse(category, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException("A VICS category is a number from 0 to 255; translate categories before exporting.", nameof(category));
}
