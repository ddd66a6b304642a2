using System.Runtime.CompilerServices;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Streams the rows of a CSV or TSV hash list whose first non-blank line is a header naming the hash columns. A row
/// with the wrong number of fields, broken quoting or a bad value is an error for that row; the rest is still read.
/// A bad last row that the file ends inside (no line break after it) is where the file was cut: its error
/// <see cref="HashListRecord.Error.EndsReading"/>.
/// </summary>
internal static class DelimitedHashListReader
{
    /// <summary>Reads <paramref name="stream"/> (UTF-8, byte-order mark tolerated) to the end.</summary>
    public static async IAsyncEnumerable<HashListRecord> ReadAsync(
        Stream stream, char delimiter, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new DelimitedRecordReader(text, delimiter);
        var fields = new List<string>();
        if (!await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            yield return new HashListRecord.Error(0, "The file is empty: a header naming the hash columns is expected.");
            yield break;
        }

        if (records.Error is not null)
        {
            yield return new HashListRecord.Error(records.Line, "Header: " + records.Error);
            yield break;
        }

        if (delimiter == ',' && fields is [var only] && only.Contains(';', StringComparison.Ordinal))
        {
            // INTERPOL ICSE and some European tools separate with ';' (INTEROP.md §2.4).
            records.Delimiter = ';';
            fields = [.. only.Split(';')];
        }

        if (DelimitedColumns.FromHeader(fields) is not { } columns)
        {
            yield return new HashListRecord.Error(records.Line, "The header names no hash column (MD5, SHA1, SHA256, PDQ, PhotoDNA or vPDQ).");
            yield break;
        }

        while (await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            var record = records.Error is not null ? new HashListRecord.Error(records.Line, records.Error)
                : fields.Count != columns.Count ? new HashListRecord.Error(records.Line, $"{fields.Count} fields where the header has {columns.Count}.")
                : columns.Read(fields).ToRecord(records.Line);
            yield return records.EndsInside ? Truncated.Check(record) : record;
        }
    }
}
