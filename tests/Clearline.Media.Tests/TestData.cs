namespace Clearline.Media.Tests;

/// <summary>Locates the shared, read-only test data: <c>../shared/testdata</c> beside the repository root.</summary>
internal static class TestData
{
    private static readonly Lazy<string> _root = new(Locate);

    public static string Root => _root.Value;

    public static string Pdq => Path.Combine(Root, "pdq");

    public static string PdqFile(string relative) => Path.Combine(Pdq, relative);

    /// <summary>Rows of a TSV file with a header line, as dictionaries keyed by column name.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadTsv(string relative)
    {
        var lines = File.ReadAllLines(PdqFile(relative)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        return lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Select(cells => (IReadOnlyDictionary<string, string>)header
                .Select((name, i) => (name, value: i < cells.Length ? cells[i] : ""))
                .ToDictionary(p => p.name, p => p.value))
            .ToArray();
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                break;
            }
        }

        return "/work/shared/testdata";
    }
}
