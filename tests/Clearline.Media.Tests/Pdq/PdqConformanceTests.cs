using Clearline.Media.Pdq;

namespace Clearline.Media.Tests.Pdq;

/// <summary>Bit-exactness against Meta's C++ reference tool over every image in testdata/pdq.</summary>
public sealed class PdqConformanceTests
{
    /// <summary>The 16-bit PNG, whose reference hash is a low-byte truncation artefact (see the testdata README).</summary>
    private const string SixteenBitImage = "images/threatexchange-python/I16.png";

    public static TheoryData<string, string, int, int, int, string> ReferenceRows()
    {
        var data = new TheoryData<string, string, int, int, int, string>();
        foreach (var row in TestData.ReadTsv("expected-cpp-reference.tsv").Where(r => r["file"] != SixteenBitImage))
        {
            data.Add(row["file"], row["pdq_hex"], int.Parse(row["quality"], CultureInfo.InvariantCulture),
                int.Parse(row["width"], CultureInfo.InvariantCulture), int.Parse(row["height"], CultureInfo.InvariantCulture), row["format"]);
        }

        return data;
    }

    public static TheoryData<string> DihedralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var row in TestData.ReadTsv("expected-cpp-reference-dihedral.tsv").Where(r => r["file"] != SixteenBitImage))
        {
            data.Add(row["file"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceRows))]
    public void Hash_ReferenceImage_MatchesCppReferenceExactly(string file, string hex, int quality, int width, int height, string format)
    {
        var result = new MediaHasher().HashFile(TestData.PdqFile(file));

        Assert.Null(result.Error);
        Assert.Equal(hex, result.Pdq?.Hash.ToString());
        Assert.Equal(quality, result.Pdq?.Quality);
        Assert.Equal(width, result.Image?.Width);
        Assert.Equal(height, result.Image?.Height);
        Assert.Equal(format, result.Image?.Format.ToString().ToUpperInvariant());
    }

    [Theory]
    [MemberData(nameof(DihedralFiles))]
    public void Hash_DihedralRequested_MatchesCppReferenceForAllEight(string file)
    {
        var expected = TestData.ReadTsv("expected-cpp-reference-dihedral.tsv").Single(r => r["file"] == file);

        var result = new MediaHasher(new MediaHashOptions { Dihedral = true }).HashFile(TestData.PdqFile(file));

        var dihedral = Assert.IsType<PdqDihedralHashes>(result.Dihedral);
        Assert.Equal(int.Parse(expected["quality"], CultureInfo.InvariantCulture), dihedral.Quality);
        string[] names = ["orig", "rot90", "rot180", "rot270", "flipx", "flipy", "flipplus1", "flipminus1"];
        Assert.Equal(names.Select(n => expected[n]), dihedral.All.Select(h => h.ToString()));
    }

    [Fact]
    public void Hash_SixteenBitPng_UsesHighByteNotReferenceLowByte()
    {
        var reference = PdqHash.Parse(TestData.ReadTsv("expected-cpp-reference.tsv").Single(r => r["file"] == SixteenBitImage)["pdq_hex"]);

        var result = new MediaHasher().HashFile(TestData.PdqFile(SixteenBitImage));

        // The README quotes the high-byte hash as 628dbaa8…; the reference's low-byte hash is noise and far away.
        Assert.StartsWith("628dbaa8", result.Pdq?.Hash.ToString(), StringComparison.Ordinal);
        Assert.True(result.Pdq?.Hash.DistanceTo(reference) > 64);
    }
}
