using Clearline.HashLists.Formats;

namespace Clearline.HashLists.Import;

/// <summary>The short format names operators type (<c>vics</c>, <c>csv</c>, <c>tsv</c>, <c>pdq</c>, <c>icse</c>, <c>signals</c>), shared by the CLI, the API and the upload page.</summary>
public static class HashListFormatNames
{
    public static IReadOnlyList<string> All { get; } = ["vics", "csv", "tsv", "pdq", "icse", "signals"];

    public static string Name(HashListFormat format) => format switch
    {
        HashListFormat.VicsJson => "vics",
        HashListFormat.Csv => "csv",
        HashListFormat.Tsv => "tsv",
        HashListFormat.PdqList => "pdq",
        HashListFormat.IcseCsv => "icse",
        HashListFormat.SignalCsv => "signals",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown hash-list format."),
    };

    /// <summary>Reads a format name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? name, out HashListFormat format)
    {
        format = default;
        switch (name?.Trim().ToLowerInvariant())
        {
            case "vics":
                format = HashListFormat.VicsJson;
                return true;
            case "csv":
                format = HashListFormat.Csv;
                return true;
            case "tsv":
                format = HashListFormat.Tsv;
                return true;
            case "pdq":
                format = HashListFormat.PdqList;
                return true;
            case "icse":
                format = HashListFormat.IcseCsv;
                return true;
            case "signals":
                format = HashListFormat.SignalCsv;
                return true;
            default:
                return false;
        }
    }
}
