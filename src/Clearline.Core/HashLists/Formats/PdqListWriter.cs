using System.Globalization;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Writes a PDQ list as <c>hash,quality[,id]</c> per line with a <c>hash,quality,id</c> header (INTEROP.md §3.3),
/// which Meta's tools and <see cref="PdqListReader"/> read. Entries without a PDQ hash are skipped.
/// </summary>
internal static class PdqListWriter
{
    public static async Task<HashListWriteResult> WriteAsync(Stream stream, IAsyncEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        long written = 0;
        long skipped = 0;
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        await text.WriteLineAsync("hash,quality,id").ConfigureAwait(false);
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            if (entry.Pdq is not { } pdq)
            {
                skipped++;
                continue;
            }

            if (entry.SourceId is { } id && id.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException("A PDQ list id cannot hold a line break.", nameof(entries));
            }

            var quality = entry.PdqQuality?.ToString(CultureInfo.InvariantCulture);
            var line = entry.SourceId is not null ? $"{pdq},{quality},{entry.SourceId}"
                : quality is not null ? $"{pdq},{quality}"
                : pdq.ToString();
            await text.WriteLineAsync(line.AsMemory(), ct).ConfigureAwait(false);
            written++;
        }

        await text.FlushAsync(ct).ConfigureAwait(false);
        return new HashListWriteResult(written, skipped);
    }
}
