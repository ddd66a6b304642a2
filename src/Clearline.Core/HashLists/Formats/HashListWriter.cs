namespace Clearline.HashLists.Formats;

/// <summary>
/// Writes hash lists for partners (VICS 2.0 JSON hash set, CSV, TSV, PDQ list, HMA signal list), streaming: entries are written as they
/// arrive and flushed in blocks, so an export of millions of entries needs no more memory than one. Output is read
/// back by <see cref="HashListReader"/> to the same entries.
/// </summary>
/// <remarks>
/// Entries carry hashes, a category and an id only: the writer has no place for URLs or reporter data, so an export
/// cannot leak them. Categories must already be in the receiving scheme (for VICS a number 0..255 or null).
/// </remarks>
public static class HashListWriter
{
    /// <summary>Writes <paramref name="entries"/> to <paramref name="stream"/> (left open) in <paramref name="format"/>.</summary>
    /// <returns>
    /// How many entries were written and how many the format cannot hold were skipped: VICS keys Media by MD5, so
    /// entries without one are skipped; a PDQ list holds only entries with a PDQ hash; a signal list only entries with a
    /// vPDQ or a PDQ hash. CSV and TSV hold every entry (a vPDQ in their <c>vpdq</c> column as the JSON signal).
    /// </returns>
    /// <exception cref="ArgumentException">A VICS category is not a number from 0 to 255, or a PDQ-list id holds a line break.</exception>
    public static Task<HashListWriteResult> WriteAsync(
        Stream stream, HashListFormat format, IAsyncEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        return format switch
        {
            HashListFormat.VicsJson => VicsJsonWriter.WriteAsync(stream, entries, ct),
            HashListFormat.Csv => DelimitedHashListWriter.WriteAsync(stream, ',', entries, ct),
            HashListFormat.Tsv => DelimitedHashListWriter.WriteAsync(stream, '\t', entries, ct),
            HashListFormat.PdqList => PdqListWriter.WriteAsync(stream, entries, ct),
            HashListFormat.SignalCsv => SignalCsvWriter.WriteAsync(stream, entries, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown hash-list format."),
        };
    }
}
