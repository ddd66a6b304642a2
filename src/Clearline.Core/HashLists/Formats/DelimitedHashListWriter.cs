using System.Globalization;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Writes a CSV or TSV hash list with a header naming every column, quoting by RFC 4180 only the fields that need it.
/// A video's vPDQ goes in the last column, <c>vpdq</c>, as the HMA signal (a JSON array, so always quoted in CSV).
/// </summary>
internal static class DelimitedHashListWriter
{
    private static readonly string[] Header = ["md5", "sha1", "sha256", "pdq", "quality", "photodna", "category", "id", "vpdq"];

    public static async Task<HashListWriteResult> WriteAsync(
        Stream stream, char delimiter, IAsyncEnumerable<HashListEntry> entries, CancellationToken ct)
    {
        long written = 0;
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        await text.WriteLineAsync(string.Join(delimiter, Header)).ConfigureAwait(false);
        var line = new StringBuilder();
        await foreach (var entry in entries.WithCancellation(ct).ConfigureAwait(false))
        {
            line.Clear();
            string?[] fields =
            [
                entry.Md5, entry.Sha1, entry.Sha256, entry.Pdq?.ToString(),
                entry.PdqQuality?.ToString(CultureInfo.InvariantCulture), entry.PhotoDna, entry.Category, entry.SourceId,
                entry.Vpdq is { } vpdq ? VpdqSignal.ToSignal(vpdq) : null,
            ];
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(delimiter);
                }

                Append(line, fields[i], delimiter);
            }

            await text.WriteLineAsync(line, ct).ConfigureAwait(false);
            written++;
        }

        await text.FlushAsync(ct).ConfigureAwait(false);
        return new HashListWriteResult(written, 0);
    }

    /// <summary>Appends a field, quoted by RFC 4180 only when it needs it.</summary>
    internal static void Append(StringBuilder line, string? field, char delimiter)
    {
        if (field is null)
        {
            return;
        }

        if (field.AsSpan().IndexOfAny([delimiter, '"', '\n', '\r']) < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
