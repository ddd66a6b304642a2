using System.Text;
using Clearline.HashLists.Formats;

namespace Clearline.Reports;

/// <summary>
/// Reads a CSV batch of reports: a header row naming the columns (<see cref="Columns"/>, any order, case-insensitive;
/// <c>url</c> required), then one report per row. Quoted fields may hold commas, quotes and line breaks; a UTF-8
/// byte-order mark is skipped. Payment methods are separated by <c>;</c>.
/// </summary>
/// <remarks>
/// A bad row is returned with its line and reason and the rest is still read; a row with bytes that are not UTF-8 is
/// refused rather than submitted with replacement characters in its URL. A bad header (an unknown or repeated
/// column, no <c>url</c>) refuses the whole batch, because every row would be read wrongly. Credentials are not a
/// column on purpose: passwords do not belong in spreadsheets passed around by e-mail; give them per report.
/// </remarks>
public static class ReportCsv
{
    /// <summary>What a row with bytes that are not UTF-8 is told; the reader turned those bytes into U+FFFD.</summary>
    public const string NotUtf8 = "The row holds bytes that are not UTF-8 text (a file saved in another encoding?). Save the file as UTF-8 and submit the row again.";

    /// <summary>The decoder's replacement for bytes that are not UTF-8: never part of a URL or a memo someone meant.</summary>
    private const char NotText = '\uFFFD';

    public static readonly IReadOnlyList<string> Columns =
        ["url", "receivedAt", "hotlineReference", "siteType", "commerciality", "paymentMethods", "referrer", "memo"];

    /// <summary>Reads <paramref name="csv"/> to its end, or up to <paramref name="maxRows"/> data rows.</summary>
    public static async Task<Result<IReadOnlyList<ReportBatchLine>>> ReadAsync(Stream csv, int maxRows, CancellationToken ct)
    {
        using var text = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new DelimitedRecordReader(text, ',');
        var fields = new List<string>();
        if (!await records.ReadAsync(fields, ct))
        {
            return new InvalidError("csv", $"The file is empty: a header row naming the columns is expected ({string.Join(", ", Columns)}).");
        }

        if (HeaderError(records, fields) is { } headerError)
        {
            return new InvalidError("csv", $"Line {records.Line}: {headerError}");
        }

        var header = fields.Select(f => Columns.First(c => c.Equals(f.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        var rows = new List<ReportBatchLine>();
        while (await records.ReadAsync(fields, ct))
        {
            if (rows.Count == maxRows)
            {
                return new BatchTooLarge($"A batch may hold at most {maxRows:N0} rows; split the file. Nothing was submitted.");
            }

            var url = header.IndexOf("url") is var at && at < fields.Count ? fields[at] : null;
            rows.Add(records.Error is { } error ? ReportBatchLine.Refused(records.Line, null, error)
                : fields.Any(f => f.Contains(NotText)) ? ReportBatchLine.Refused(records.Line, null, NotUtf8)
                : fields.Count != header.Count ? ReportBatchLine.Refused(records.Line, url, $"The row has {fields.Count} fields; the header has {header.Count}.")
                : Row(records.Line, header, fields));
        }

        return rows;
    }

    private static string? HeaderError(DelimitedRecordReader records, List<string> fields)
    {
        if (records.Error is { } error)
        {
            return error;
        }

        var names = fields.Select(f => f.Trim()).ToList();
        if (names.FirstOrDefault(n => !Columns.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return $"unknown column '{unknown}'. The columns are: {string.Join(", ", Columns)}.";
        }

        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return $"the column '{repeated.Key}' appears twice.";
        }

        return names.Contains("url", StringComparer.OrdinalIgnoreCase) ? null : "the header has no 'url' column.";
    }

    private static ReportBatchLine Row(long line, List<string> header, List<string> fields)
    {
        string? Field(string column) => header.IndexOf(column) is >= 0 and var i && fields[i].Length > 0 ? fields[i] : null;

        var problems = new List<string>();
        void Check(bool ok, string column, string? error)
        {
            if (!ok)
            {
                problems.Add($"{column}: {error}");
            }
        }

        Check(ReportValues.TryParseDate(Field("receivedAt"), out var receivedAt, out var error), "receivedAt", error);
        Check(ReportValues.TryParse<SiteType>(Field("siteType"), out var siteType, out error), "siteType", error);
        Check(ReportValues.TryParse<Commerciality>(Field("commerciality"), out var commerciality, out error), "commerciality", error);
        Check(ReportValues.TryParsePaymentMethods(Field("paymentMethods"), ';', out var payment, out error), "paymentMethods", error);
        if (problems.Count > 0)
        {
            return ReportBatchLine.Refused(line, Field("url"), string.Join(" ", problems));
        }

        return ReportBatchLine.Read(line, new ReportSubmission(
            Field("url"), receivedAt, Field("hotlineReference"), siteType, commerciality, payment, Field("referrer"), Field("memo")));
    }
}
