using System.Runtime.CompilerServices;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Streams a signal list as HMA and python-threatexchange exchange them: a CSV (or TSV) with a header naming a
/// <c>signal_type</c> and a <c>signal</c> column, one signal per row, optionally a category and an id
/// (<c>content_id</c>). The signal types Clearline matches are read: <c>vpdq</c> (or <c>video_vpdq</c>: the JSON
/// array of <c>"hex,quality,timestamp"</c>), <c>pdq</c>, <c>video_md5</c> and <c>video_sha256</c>. Any other type, or a
/// bad signal, is an error for that row naming the line; the rest of the file is still read.
/// </summary>
internal static class SignalCsvReader
{
    private const int MaxTypeShown = 40;

    /// <summary>The signal types read, by the name HMA gives them.</summary>
    public static IReadOnlyList<string> SignalTypes { get; } = ["vpdq", "video_vpdq", "pdq", "video_md5", "video_sha256"];

    /// <summary>Whether <paramref name="line"/> is a signal list's header (used to recognise the format).</summary>
    public static bool IsHeader(string line)
    {
        var fields = line.Split(line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',').Select(Normalise).ToList();
        return fields.Contains("signaltype") && fields.Contains("signal");
    }

    /// <summary>Reads <paramref name="stream"/> (UTF-8, byte-order mark tolerated) to the end.</summary>
    public static async IAsyncEnumerable<HashListRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new DelimitedRecordReader(text, ',');
        var fields = new List<string>();
        if (!await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            yield return new HashListRecord.Error(0, "The file is empty: a header naming the signal_type and signal columns is expected.");
            yield break;
        }

        if (records.Error is not null)
        {
            yield return new HashListRecord.Error(records.Line, "Header: " + records.Error);
            yield break;
        }

        if (fields is [var only] && only.Contains('\t', StringComparison.Ordinal))
        {
            records.Delimiter = '\t';
            fields = [.. only.Split('\t')];
        }

        var header = fields.Select(Normalise).ToList();
        int typeColumn = header.IndexOf("signaltype"), signalColumn = header.IndexOf("signal");
        if (typeColumn < 0 || signalColumn < 0)
        {
            yield return new HashListRecord.Error(records.Line, "The header names no signal_type and signal columns.");
            yield break;
        }

        var categoryColumn = FirstOf(header, "category", "cat", "classification");
        var idColumn = FirstOf(header, "contentid", "bankcontentid", "id", "sourceid");
        var count = header.Count;
        while (await records.ReadAsync(fields, ct).ConfigureAwait(false))
        {
            var record = records.Error is not null ? new HashListRecord.Error(records.Line, records.Error)
                : fields.Count != count ? new HashListRecord.Error(records.Line, $"{fields.Count} fields where the header has {count}.")
                : Read(fields[typeColumn], fields[signalColumn], Field(fields, categoryColumn), Field(fields, idColumn), records.Line);
            yield return records.EndsInside ? Truncated.Check(record) : record;
        }
    }

    private static HashListRecord Read(string type, string signal, string? category, string? id, long line)
    {
        var name = type.Trim().ToLowerInvariant();
        RawEntry? raw = name switch
        {
            "vpdq" or "video_vpdq" => new RawEntry(Vpdq: signal, Category: category, SourceId: id),
            "pdq" => new RawEntry(Pdq: signal, Category: category, SourceId: id),
            "video_md5" => new RawEntry(Md5: signal, Category: category, SourceId: id),
            "video_sha256" => new RawEntry(Sha256: signal, Category: category, SourceId: id),
            _ => null,
        };
        if (raw is null)
        {
            var shown = name.Length > MaxTypeShown ? name[..MaxTypeShown] + "…" : name;
            return new HashListRecord.Error(line, name.Length == 0
                ? "The signal_type is empty."
                : $"The signal_type '{shown}' is not one Clearline matches ({string.Join(", ", SignalTypes)}).");
        }

        if (string.IsNullOrWhiteSpace(signal))
        {
            return new HashListRecord.Error(line, $"The {name} signal is empty.");
        }

        return raw.ToRecord(line);
    }

    private static string? Field(List<string> row, int column) => column < 0 ? null : row[column];

    private static int FirstOf(List<string> header, params string[] names) =>
        names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);

    private static string Normalise(string name) =>
        string.Concat(name.Where(c => c is not (' ' or '_' or '-'))).Trim().ToLowerInvariant();
}
