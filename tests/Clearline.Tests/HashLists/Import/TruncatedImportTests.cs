using System.Text;
using Clearline.Database;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Tests.HashLists.Formats;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Import;

/// <summary>
/// Issue 12, point 7: a hash-list file cut at 70 % imported 3,149 of 4,500 entries and said "completed". A truncated
/// file now fails with the reason and nothing of it is kept, unless the operator accepted a partial import; then it
/// ends as partial and says what was skipped. The cut copies are made here from the files in tests/testdata.
/// </summary>
public sealed class TruncatedImportTests
{
    [Theory]
    [BothDatabases("vics-hashset")]
    [BothDatabases("vics-case")]
    [BothDatabases("csv")]
    [BothDatabases("pdq")]
    public async Task CutAt70Percent_Fails_WithTheReason_AndKeepsNothing(DatabaseProvider provider, string fixture)
    {
        var (whole, format) = Fixture(fixture);
        await using var bed = await ImportTestBed.CreateAsync(provider, batchLines: 2);

        var cut = await bed.ImportAsync(CutAt70Percent(whole, format), format);

        Assert.Equal(ImportState.Failed, cut.State);
        Assert.Contains("truncated", cut.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("accepting a partial import", cut.Error, StringComparison.Ordinal);
        Assert.Empty(await bed.EntriesAsync(liveOnly: false));

        var complete = await bed.ImportAsync(whole, format);
        Assert.Equal(ImportState.Completed, complete.State);
        Assert.NotEmpty(await bed.EntriesAsync());
    }

    [Theory]
    [BothDatabases("vics-hashset")]
    [BothDatabases("csv")]
    [BothDatabases("pdq")]
    public async Task CutAt70Percent_AcceptedAsPartial_KeepsWhatWasRead_AndSaysWhatWasSkipped(DatabaseProvider provider, string fixture)
    {
        var (whole, format) = Fixture(fixture);
        await using var bed = await ImportTestBed.CreateAsync(provider, batchLines: 2);

        var partial = await bed.ImportAsync(CutAt70Percent(whole, format), format, acceptPartial: true);

        Assert.Equal(ImportState.Partial, partial.State);
        Assert.True(partial.EntriesAdded > 0);
        Assert.True(partial.AcceptPartial);
        Assert.Contains("Partial import", partial.Error, StringComparison.Ordinal);
        Assert.Contains($"{partial.ErrorCount} line(s) were skipped", partial.Error, StringComparison.Ordinal);
        Assert.Equal(partial.EntriesAdded, (await bed.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Reader_AWellFormedLastLineWithoutALineBreak_IsNotTruncation()
    {
        var records = await Formats.HashLists.ReadAsync($"md5,category\n{Formats.HashLists.Md5("a")},1\n{Formats.HashLists.Md5("b")},1", HashListFormat.Csv);

        Assert.Equal(2, records.Entries().Count);
        Assert.Empty(records.Errors());
    }

    private static (byte[] Whole, HashListFormat Format) Fixture(string name) => name switch
    {
        "vics-hashset" => (File.ReadAllBytes(VicsTestData.HashSet20), HashListFormat.VicsJson),
        "vics-case" => (File.ReadAllBytes(VicsTestData.Case20), HashListFormat.VicsJson),
        "pdq" => (File.ReadAllBytes(Haystack), HashListFormat.PdqList),
        _ => (Encoding.UTF8.GetBytes("PDQ,Quality,Category\n" + string.Concat(File.ReadAllLines(Haystack).Select(h => $"{h},100,1\n"))), HashListFormat.Csv),
    };

    private static string Haystack => TestDataFolder.Combine("pdq", "hashes", "haystack.txt");

    /// <summary>
    /// The first 70 % of the file. A line-based file is cut inside the hash of the line at 70 % (a cut exactly at a
    /// line break leaves a shorter, well-formed file, which no reader can tell from a complete one).
    /// </summary>
    private static byte[] CutAt70Percent(byte[] whole, HashListFormat format)
    {
        var at = whole.Length * 7 / 10;
        if (format != HashListFormat.VicsJson)
        {
            at = Array.LastIndexOf(whole, (byte)'\n', at) + 1 + 10;
        }

        return whole[..at];
    }
}
