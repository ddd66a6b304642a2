using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Reads known-material hash lists (VICS JSON, CSV, TSV, PDQ lists, HMA signal lists) as a stream of entries and per-line errors.
/// Memory is bounded by the largest single record, never by the file, so lists of millions of entries import on
/// any host; a malformed line is an <see cref="HashListRecord.Error"/> and never stops the rest from being read.
/// </summary>
public static class HashListReader
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants to see; fewer work too.</summary>
    public const int DetectBytes = 8 * 1024;

    /// <summary>
    /// Recognises the format from the first bytes of a file (byte-order mark tolerated), falling back to the file
    /// name's extension; null when neither tells.
    /// </summary>
    /// <param name="head">The first bytes of the file, ideally <see cref="DetectBytes"/>.</param>
    /// <param name="fileName">The file's name, or null.</param>
    public static HashListFormat? Detect(ReadOnlySpan<byte> head, string? fileName)
    {
        var text = Encoding.UTF8.GetString(head.StartsWith("\uFEFF"u8) ? head[3..] : head).TrimStart();
        if (text.StartsWith('{'))
        {
            return HashListFormat.VicsJson;
        }

        var newline = text.IndexOfAny(['\r', '\n']);
        if (newline > 0 || (newline < 0 && text.Length > 0 && head.Length < DetectBytes))
        {
            var firstLine = newline < 0 ? text : text[..newline];
            if (IcseCsvReader.IsHeader(firstLine))
            {
                return HashListFormat.IcseCsv;
            }

            if (SignalCsvReader.IsHeader(firstLine))
            {
                return HashListFormat.SignalCsv;
            }

            if (PdqListReader.IsPdqLine(firstLine))
            {
                return HashListFormat.PdqList;
            }

            if (firstLine.Contains('\t', StringComparison.Ordinal))
            {
                return HashListFormat.Tsv;
            }

            if (firstLine.Contains(',', StringComparison.Ordinal) || firstLine.Contains(';', StringComparison.Ordinal)
                || DelimitedColumns.FromHeader([firstLine]) is not null)
            {
                return HashListFormat.Csv;
            }
        }

        return Path.GetExtension(fileName ?? "").ToUpperInvariant() switch
        {
            ".JSON" => HashListFormat.VicsJson,
            ".CSV" => HashListFormat.Csv,
            ".TSV" or ".TAB" => HashListFormat.Tsv,
            ".PDQ" => HashListFormat.PdqList,
            _ => null,
        };
    }

    /// <summary>
    /// Streams the records of <paramref name="stream"/> in file order; the stream is read once, front to back, and
    /// left open. For VICS the first record is the <see cref="HashListRecord.VicsModel"/>.
    /// </summary>
    public static IAsyncEnumerable<HashListRecord> ReadAsync(Stream stream, HashListFormat format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            HashListFormat.VicsJson => VicsJsonReader.ReadAsync(stream, ct),
            HashListFormat.Csv => DelimitedHashListReader.ReadAsync(stream, ',', ct),
            HashListFormat.Tsv => DelimitedHashListReader.ReadAsync(stream, '\t', ct),
            HashListFormat.PdqList => PdqListReader.ReadAsync(stream, ct),
            HashListFormat.IcseCsv => IcseCsvReader.ReadAsync(stream, ct),
            HashListFormat.SignalCsv => SignalCsvReader.ReadAsync(stream, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown hash-list format."),
        };
    }
}
