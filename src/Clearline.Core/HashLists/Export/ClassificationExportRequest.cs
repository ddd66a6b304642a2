using System.Globalization;
using Clearline.Classification;
using Clearline.HashLists.Formats;

namespace Clearline.HashLists.Export;

/// <summary>What to export: the file format, which verdicts (none named: all), and the classification dates.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Verdicts">The verdicts to export; empty for all.</param>
/// <param name="From">Classified at or after this instant, or null.</param>
/// <param name="To">Classified at or before this instant, or null.</param>
public sealed record ClassificationExportRequest(HashListFormat Format, IReadOnlySet<Verdict> Verdicts, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>
    /// The format names partners use: <c>vics</c> (VICS 2.0 JSON), <c>csv</c>, <c>pdq</c> (a PDQ list), <c>signals</c>
    /// (an HMA signal list: videos' vPDQ and images' PDQ).
    /// </summary>
    public static IReadOnlyDictionary<string, HashListFormat> FormatNames { get; } = new Dictionary<string, HashListFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["vics"] = HashListFormat.VicsJson,
        ["csv"] = HashListFormat.Csv,
        ["pdq"] = HashListFormat.PdqList,
        ["signals"] = HashListFormat.SignalCsv,
    };

    public bool Includes(Verdict verdict) => Verdicts.Count == 0 || Verdicts.Contains(verdict);

    /// <summary>
    /// Reads a request as the API, the command line and the export page receive it. Dates are ISO 8601; a bare date
    /// (<c>2026-01-31</c>) means that whole day in UTC, so <c>--to 2026-01-31</c> includes the 31st.
    /// </summary>
    public static Result<ClassificationExportRequest> Parse(string? format, IEnumerable<string?>? verdicts, string? from, string? to)
    {
        if (format is null || !FormatNames.TryGetValue(format.Trim(), out var parsedFormat))
        {
            return new InvalidError("format", "The format must be one of: vics, csv, pdq, signals.");
        }

        var set = new HashSet<Verdict>();
        foreach (var text in verdicts ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            // Names only: Enum.TryParse would also take "1" or "7", which mean nothing to a partner.
            if (!Enum.GetNames<Verdict>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return new InvalidError("verdict", $"Unknown verdict '{text.Trim()}'; use Baseline, National or NotIllegal.");
            }

            set.Add(Enum.Parse<Verdict>(text.Trim(), ignoreCase: true));
        }

        if (!DateFilter.TryParseFrom(from, out var fromValue))
        {
            return new InvalidError("from", DateFilter.Message("from"));
        }

        if (!DateFilter.TryParseTo(to, DayEnd.Inclusive, out var toValue))
        {
            return new InvalidError("to", DateFilter.Message("to"));
        }

        if (fromValue > toValue)
        {
            return new InvalidError("to", "'to' is before 'from'.");
        }

        return new ClassificationExportRequest(parsedFormat, set, fromValue, toValue);
    }

    /// <summary>The file name of a download in this format.</summary>
    public string FileName(DateTimeOffset now) =>
        "clearline-classifications-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Format switch
        {
            HashListFormat.VicsJson => ".json",
            HashListFormat.PdqList => ".pdq.csv",
            HashListFormat.SignalCsv => ".signals.csv",
            HashListFormat.Tsv => ".tsv",
            _ => ".csv",
        };

    public string ContentType => Format == HashListFormat.VicsJson ? "application/json" : "text/csv";
}
