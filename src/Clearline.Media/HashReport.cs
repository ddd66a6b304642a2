using System.Globalization;
using System.Text;
using System.Text.Json;
using Clearline.Media.Pdq;

namespace Clearline.Media;

/// <summary>
/// The line formats of <c>clearline hash</c>: TSV with a header line, or JSON lines with the same names.
/// Columns: path, sha256, md5, sha1, pdq, quality, width, height, format, error; with dihedral hashes, the seven
/// other orientations follow (rot90 … flipminus1). Missing values are empty in TSV and null in JSON.
/// </summary>
public static class HashReport
{
    private static readonly string[] _columns = ["path", "sha256", "md5", "sha1", "pdq", "quality", "width", "height", "format", "error"];
    private static readonly string[] _dihedralColumns = ["rot90", "rot180", "rot270", "flipx", "flipy", "flipplus1", "flipminus1"];

    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns(bool dihedral) => dihedral ? [.. _columns, .. _dihedralColumns] : _columns;

    /// <summary>The TSV header line (no line terminator).</summary>
    public static string TsvHeader(bool dihedral) => string.Join('\t', Columns(dihedral));

    /// <summary>One TSV line (no line terminator). Tabs, line breaks and backslashes in paths are escaped as \t, \n, \r, \\.</summary>
    public static string ToTsv(FileHashResult item, bool dihedral)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join('\t', Values(item, dihedral).Select((v, i) => i == 0 ? Escape(v ?? "") : v ?? ""));
    }

    /// <summary>One JSON object on one line, with the same names as the TSV columns; numbers as numbers.</summary>
    public static string ToJson(FileHashResult item, bool dihedral)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var names = Columns(dihedral);
            var values = Values(item, dihedral);
            for (var i = 0; i < names.Count; i++)
            {
                if (values[i] is null)
                {
                    json.WriteNull(names[i]);
                }
                else if (names[i] is "quality" or "width" or "height")
                {
                    json.WriteNumber(names[i], int.Parse(values[i]!, CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteString(names[i], values[i]);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string?[] Values(FileHashResult item, bool dihedral)
    {
        var r = item.Result;
        string?[] values =
        [
            item.Path,
            r.Error?.Kind == MediaErrorKind.Unreadable ? null : r.Hashes.Sha256,
            r.Error?.Kind == MediaErrorKind.Unreadable ? null : r.Hashes.Md5,
            r.Error?.Kind == MediaErrorKind.Unreadable ? null : r.Hashes.Sha1,
            r.Pdq?.Hash.ToString(),
            r.Pdq?.Quality.ToString(CultureInfo.InvariantCulture),
            r.Image?.Width.ToString(CultureInfo.InvariantCulture),
            r.Image?.Height.ToString(CultureInfo.InvariantCulture),
            r.Image?.Format.ToString().ToLowerInvariant(),
            r.Error?.Code,
        ];
        if (!dihedral)
        {
            return values;
        }

        IEnumerable<PdqHash?> others = r.Dihedral is { } d ? d.All.Skip(1).Select(h => (PdqHash?)h) : Enumerable.Repeat<PdqHash?>(null, 7);
        return [.. values, .. others.Select(h => h?.ToString())];
    }

    private static string Escape(string path) =>
        path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
