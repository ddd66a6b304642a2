using System.Runtime.CompilerServices;
using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Streams a PDQ list in the forms Meta's tools write and read (INTEROP.md §3.2, §3.3): <c>hash,quality[,name]</c>
/// as <c>pdq-photo-hasher</c> prints it, <c>hash=…[,metadata]</c>, <c>pdq hash</c> (ThreatExchange <c>local_file</c>)
/// and a bare hash; and, from <c>local_file</c> too, a video as <c>vpdq [JSON signal]</c>. Blank lines, <c>#</c> comments and a leading <c>hash,quality</c> header are skipped.
/// </summary>
internal static class PdqListReader
{
    /// <summary>Reads <paramref name="stream"/> (UTF-8, byte-order mark tolerated) to the end.</summary>
    public static async IAsyncEnumerable<HashListRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var lines = new BoundedLineReader(text);
        var first = true;
        while (await lines.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            var number = lines.LineNumber;
            if (lines.TooLong)
            {
                yield return new HashListRecord.Error(number, "The line is longer than a million characters.");
                continue;
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (first && IsHeader(trimmed))
            {
                first = false;
                continue;
            }

            first = false;
            var record = Parse(trimmed).ToRecord(number);
            yield return lines.EndedWithoutLineBreak ? Truncated.Check(record) : record;
        }
    }

    /// <summary>Whether <paramref name="line"/> is one PDQ list line (used to recognise the format).</summary>
    public static bool IsPdqLine(string line)
    {
        var trimmed = line.Trim();
        return IsHeader(trimmed) || Parse(trimmed).ToRecord(0) is HashListRecord.Entry { Value.Pdq: not null } or HashListRecord.Entry { Value.Vpdq: not null };
    }

    private static bool IsHeader(string line) =>
        line.Equals("hash", StringComparison.OrdinalIgnoreCase) || line.StartsWith("hash,", StringComparison.OrdinalIgnoreCase);

    private static RawEntry Parse(string line)
    {
        if (line.StartsWith("pdq ", StringComparison.OrdinalIgnoreCase))
        {
            return new RawEntry(Pdq: line[4..]);
        }

        // HMA's local_file exchange writes a video as "vpdq <JSON signal>".
        if (line.StartsWith("vpdq ", StringComparison.OrdinalIgnoreCase))
        {
            return new RawEntry(Vpdq: line[5..]);
        }

        if (line.StartsWith("hash=", StringComparison.OrdinalIgnoreCase))
        {
            var (hash, metadata) = Split(line[5..]);
            return new RawEntry(Pdq: hash, SourceId: metadata);
        }

        var (pdq, rest) = Split(line);
        var (quality, name) = Split(rest ?? "");
        return new RawEntry(Pdq: pdq, PdqQuality: quality, SourceId: name);
    }

    private static (string Head, string? Tail) Split(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? (text, null) : (text[..comma], text[(comma + 1)..]);
    }
}
