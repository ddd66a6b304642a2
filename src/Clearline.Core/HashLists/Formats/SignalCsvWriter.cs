using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Writes a signal list as HMA exchanges it: <c>signal_type,signal,category,id</c>, one row per signal. An entry's
/// vPDQ is a <c>vpdq</c> row holding the JSON signal, its PDQ a <c>pdq</c> row; an entry with both gives two rows with
/// the same id. Entries with neither (MD5, SHA or PhotoDNA only, which HMA cannot tell apart from images) are skipped.
/// </summary>
internal static class SignalCsvWriter
{
    public static async Task<HashListWriteResult> WriteAsync(Stream stream, IAsyncEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        long written = 0;
        long skipped = 0;
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        await text.WriteLineAsync("signal_type,signal,category,id").ConfigureAwait(false);
        var line = new StringBuilder();
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            if (entry.Vpdq is null && entry.Pdq is null)
            {
                skipped++;
                continue;
            }

            if (entry.Vpdq is { } vpdq)
            {
                await text.WriteLineAsync(Row(line, "vpdq", VpdqSignal.ToSignal(vpdq), entry), ct).ConfigureAwait(false);
            }

            if (entry.Pdq is { } pdq)
            {
                await text.WriteLineAsync(Row(line, "pdq", pdq.ToString(), entry), ct).ConfigureAwait(false);
            }

            written++;
        }

        await text.FlushAsync(ct).ConfigureAwait(false);
        return new HashListWriteResult(written, skipped);
    }

    private static StringBuilder Row(StringBuilder line, string type, string signal, HashListEntry entry)
    {
        line.Clear().Append(type).Append(',');
        DelimitedHashListWriter.Append(line, signal, ',');
        line.Append(',');
        DelimitedHashListWriter.Append(line, entry.Category, ',');
        line.Append(',');
        DelimitedHashListWriter.Append(line, entry.SourceId, ',');
        return line;
    }
}
