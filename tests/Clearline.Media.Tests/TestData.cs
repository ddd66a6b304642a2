namespace Clearline.Media.Tests;

/// <summary>Meta's PDQ reference images and expected hashes, in <c>tests/testdata/pdq</c> (see its README).</summary>
internal static class TestData
{
    public static string Pdq => TestDataFolder.Combine("pdq");

    /// <summary>Meta's vPDQ test videos, their reference hashes and the expected match matrix, in <c>tests/testdata/vpdq</c>.</summary>
    public static string Vpdq => TestDataFolder.Combine("vpdq");

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
}
