using System.Runtime.CompilerServices;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Reads INTERPOL's ICSE CSV (INTEROP.md §2.4): <c>;</c>-separated, with the header <see cref="Header"/> (columns
/// matched by name, so a reordered or extended header reads too). MD5, SHA1 and PhotoDNA are the hashes,
/// <c>Image ID</c> is ICSE's own identifier, and the <c>Baseline</c> flag is the category: <c>Baseline</c> when it
/// is set (<c>1</c>, <c>true</c>, <c>yes</c>, <c>y</c>, <c>x</c>), uncategorised otherwise, to be read through a
/// <see cref="CategoryScheme.Clearline"/> mapping. The other columns are ICSE's and are not kept.
/// </summary>
internal static class IcseCsvReader
{
    /// <summary>ICSE's import header, exactly.</summary>
    public const string Header = "MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline";

    /// <summary>Whether <paramref name="firstLine"/> is ICSE's header (case and surrounding spaces aside).</summary>
    public static bool IsHeader(string firstLine) =>
        firstLine.Trim().StartsWith("MD5;SHA1;PhotoDNA;Image ID;", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="stream"/> (UTF-8, byte-order mark tolerated) to the end.</summary>
    public static async IAsyncEnumerable<HashListRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new DelimitedRecordReader(text, ';');
        var fields = new List<string>();
        if (!await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            yield return new HashListRecord.Error(0, $"The file is empty: ICSE's header ({Header}) is expected.");
            yield break;
        }

        if (records.Error is not null)
        {
            yield return new HashListRecord.Error(records.Line, "Header: " + records.Error);
            yield break;
        }

        var columns = DelimitedColumns.FromHeader(fields);
        var baseline = fields.FindIndex(f => string.Equals(f.Trim(), "Baseline", StringComparison.OrdinalIgnoreCase));
        if (columns is null || baseline < 0)
        {
            yield return new HashListRecord.Error(records.Line, $"The header is not ICSE's: expected {Header}.");
            yield break;
        }

        while (await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            HashListRecord record;
            if (records.Error is not null)
            {
                record = new HashListRecord.Error(records.Line, records.Error);
            }
            else if (fields.Count != columns.Count)
            {
                record = new HashListRecord.Error(records.Line, $"{fields.Count} fields where the header has {columns.Count}.");
            }
            else
            {
                var raw = columns.Read(fields) with { Category = IsSet(fields[baseline]) ? "Baseline" : null };
                record = raw.ToRecord(records.Line);
            }

            yield return records.EndsInside ? Truncated.Check(record) : record;
        }
    }

    private static bool IsSet(string value) => value.Trim().ToUpperInvariant() is "1" or "TRUE" or "YES" or "Y" or "X";
}
