using System.Text;
using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>Every writer's output reads back to the same entries, as far as its format can hold them.</summary>
public sealed class HashListWriterTests
{
    private static readonly PdqHash Bridge = PdqHash.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
    private static readonly string PhotoDna = Convert.ToBase64String([.. Enumerable.Range(0, 144).Select(i => (byte)(i * 7))]);

    private static readonly HashListEntry[] Entries =
    [
        new(HashLists.Md5("1"), "a691ed7db3ce23fa8c95f062a13cce6a1893f7cc", new string('c', 64), Bridge, 100, PhotoDna, "0", "id,with \"quotes\"\nand a line"),
        new(HashLists.Md5("2"), null, null, null, null, null, null, null),
        new(null, null, null, Bridge, 49, null, "1", "pdq only"),
        new(HashLists.Md5("4"), null, null, Bridge, null, null, "4", "x\ty"),
    ];

    [Theory]
    [InlineData(HashListFormat.Csv)]
    [InlineData(HashListFormat.Tsv)]
    public async Task Delimited_RoundTripsEveryField(HashListFormat format)
    {
        var (result, text) = await WriteAsync(format, Entries);

        Assert.Equal(new HashListWriteResult(4, 0), result);
        var records = await HashLists.ReadAsync(text, format);
        Assert.Empty(records.Errors());
        Assert.Equal(Entries, records.Entries());
    }

    [Fact]
    public async Task Vics_RoundTripsHashesAndCategories_SkipsEntriesWithoutMd5()
    {
        var (result, text) = await WriteAsync(HashListFormat.VicsJson, Entries);

        Assert.Equal(new HashListWriteResult(3, 1), result);
        Assert.Contains($"\"MD5\":\"{HashLists.Md5("1").ToUpperInvariant()}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Category\":0,", text, StringComparison.Ordinal);
        Assert.Contains("\"Category\":null,", text, StringComparison.Ordinal);
        var records = await HashLists.ReadAsync(text, HashListFormat.VicsJson);
        Assert.Equal(("2.0", "Default", false), records.OfType<HashListRecord.VicsModel>().Select(m => (m.Version, m.Flavour, m.IsCaseExport)).Single());
        Assert.Equal(
            [
                Entries[0] with { PdqQuality = null, SourceId = "1" },
                Entries[1] with { SourceId = "2" },
                Entries[3] with { SourceId = "3" },
            ],
            records.Entries());
    }

    [Fact]
    public async Task Vics_CategoryOutsideTheScheme_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(HashListFormat.VicsJson, [Entries[1] with { Category = "A1" }]));
    }

    [Fact]
    public async Task PdqList_RoundTripsPdqQualityAndId_SkipsEntriesWithoutPdq()
    {
        HashListEntry[] entries = [Entries[2], Entries[3] with { SourceId = null }, Entries[1], new(null, null, null, Bridge, null, null, null, "name")];

        var (result, text) = await WriteAsync(HashListFormat.PdqList, entries);

        Assert.Equal(new HashListWriteResult(3, 1), result);
        Assert.Equal($"hash,quality,id\n{Bridge},49,pdq only\n{Bridge}\n{Bridge},,name\n", text);
        var records = await HashLists.ReadAsync(text, HashListFormat.PdqList);
        Assert.Equal(
            [
                new HashListEntry(null, null, null, Bridge, 49, null, null, "pdq only"),
                new HashListEntry(null, null, null, Bridge, null, null, null, null),
                new HashListEntry(null, null, null, Bridge, null, null, null, "name"),
            ],
            records.Entries());
    }

    private static async Task<(HashListWriteResult Result, string Text)> WriteAsync(HashListFormat format, IEnumerable<HashListEntry> entries)
    {
        using var stream = new MemoryStream();
        var result = await HashListWriter.WriteAsync(stream, format, entries.ToAsyncEnumerable(), TestContext.Current.CancellationToken);
        return (result, Encoding.UTF8.GetString(stream.ToArray()));
    }
}
